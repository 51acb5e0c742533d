/*
 * argo-events:trigger on its own, against a fake ProvisioningClient (src/testing): what it sends,
 * on whose behalf, how it follows a run and what it reports. The action against the real
 * provisioning backend and the webhook harness: packages/backend/src/integration.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  FAKE_RUN_ID,
  FakeProvisioningClient,
  runEvent,
} from '../testing/FakeProvisioningClient';
import { createArgoEventsTriggerAction } from './argoEventsTrigger';

const BOB = mockCredentials.user('user:default/bob');

function run(
  client: FakeProvisioningClient,
  input: Record<string, unknown>,
  extra: object = {},
) {
  const action = createArgoEventsTriggerAction({ client, pollIntervalMs: 1 });
  const ctx = {
    ...createMockActionContext({ input: input as any }),
    getInitiatorCredentials: async () => BOB,
    ...extra,
  };
  const lines: string[] = [];
  jest.spyOn(ctx.logger, 'info').mockImplementation(((m: string) => {
    lines.push(m);
  }) as any);
  const outputs = () =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  return { done: action.handler(ctx as any), lines, outputs };
}

const START = {
  template: 'new-environment',
  entityRef: 'component:default/payments-svc',
  parameters: { environment: 'payments-dev' },
};

describe('argo-events:trigger', () => {
  afterEach(() => jest.restoreAllMocks());

  it('starts a run on behalf of the initiator and returns its id at once', async () => {
    const client = new FakeProvisioningClient();
    const { done, outputs } = run(client, START);
    await done;
    expect(client.triggered).toEqual([{ request: START, onBehalfOf: BOB }]);
    expect(client.polled).toEqual([]);
    expect(outputs()).toEqual({
      runId: FAKE_RUN_ID,
      status: 'queued',
      resources: [],
    });
  });

  it('sends no parameters as an empty object', async () => {
    const client = new FakeProvisioningClient();
    const { done } = run(client, { ...START, parameters: undefined });
    await done;
    expect(client.triggered[0].request.parameters).toEqual({});
  });

  it('waits for the run, logging every reported step once, and outputs the resources', async () => {
    const ns = { title: 'namespace', url: 'https://console.example.com/ns' };
    const events = [
      runEvent(1, 'namespace', 'running', { message: 'Creating namespace' }),
      runEvent(2, 'namespace', 'succeeded', {
        message: 'namespace ready',
        resources: [ns],
      }),
      runEvent(3, 'baseline', 'succeeded', { final: true }),
    ];
    const client = new FakeProvisioningClient([
      { status: 'delivering' },
      { status: 'running', events: events.slice(0, 1) },
      { status: 'running', events: events.slice(0, 2) },
      { status: 'succeeded', events },
    ]);
    const { done, lines, outputs } = run(client, { ...START, wait: true });
    await done;
    expect(lines.filter(l => l.startsWith('['))).toEqual([
      '[namespace] running - Creating namespace',
      '[namespace] succeeded - namespace ready (namespace: https://console.example.com/ns)',
      '[baseline] succeeded',
    ]);
    expect(client.polled).toHaveLength(4);
    expect(
      client.polled.every(p => p.runId === FAKE_RUN_ID && p.onBehalfOf === BOB),
    ).toBe(true);
    expect(outputs()).toEqual({
      runId: FAKE_RUN_ID,
      status: 'succeeded',
      resources: [ns],
    });
    expect(lines.at(-1)).toBe(`Provisioning run ${FAKE_RUN_ID} succeeded`);
  });

  it('fails the step when the run fails, with the reason', async () => {
    const client = new FakeProvisioningClient([
      {
        status: 'failed',
        failureReason: 'Step rbac failed: rbac could not be created',
      },
    ]);
    await expect(run(client, { ...START, wait: true }).done).rejects.toThrow(
      `Provisioning run ${FAKE_RUN_ID} failed: Step rbac failed: rbac could not be created`,
    );
  });

  it('fails the step when the run does not end in time, naming its status', async () => {
    const client = new FakeProvisioningClient([{ status: 'running' }]);
    const start = Date.now();
    let calls = 0;
    // Each poll is 2 s later: the 5 s budget ends on the fourth.
    jest.spyOn(Date, 'now').mockImplementation(() => start + 2000 * calls++);
    await expect(
      run(client, { ...START, wait: true, timeoutSeconds: 5 }).done,
    ).rejects.toThrow(
      /did not end within 5 s \(still running\); it goes on, see the Provisioning page/,
    );
    expect(client.polled.length).toBeGreaterThan(1);
  });

  it('stops waiting when the task is cancelled', async () => {
    const client = new FakeProvisioningClient([{ status: 'running' }]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      run(client, { ...START, wait: true }, { signal: controller.signal }).done,
    ).rejects.toThrow('Task cancelled');
  });

  it('reports the provisioning backend refusing the run, with its message', async () => {
    const client = new FakeProvisioningClient(
      undefined,
      new Error(
        'Starting the provisioning run failed: Only the owners of component:default/storefront may start runs',
      ),
    );
    await expect(run(client, START).done).rejects.toThrow(
      /Only the owners of component:default\/storefront/,
    );
  });

  it('refuses secret-looking parameters before calling anything', async () => {
    const client = new FakeProvisioningClient();
    await expect(
      run(client, { ...START, parameters: { apiKey: 'x' } }).done,
    ).rejects.toThrow(/Invalid input parameters\.apiKey/);
    expect(client.triggered).toEqual([]);
  });

  it('refuses an entity ref that is not a full ref before calling anything', async () => {
    const client = new FakeProvisioningClient();
    await expect(
      run(client, { ...START, entityRef: 'payments-svc' }).done,
    ).rejects.toThrow(/Invalid input entityRef/);
    expect(client.triggered).toEqual([]);
  });

  it('shows the payload on a dry run without starting anything', async () => {
    const client = new FakeProvisioningClient();
    const { done, lines, outputs } = run(
      client,
      { ...START, wait: true },
      { isDryRun: true },
    );
    await done;
    expect(lines[0]).toBe(
      `Dry run: would start provisioning run ${JSON.stringify(
        START,
      )} and wait for it`,
    );
    expect(outputs()).toEqual({
      runId: 'dry-run',
      status: 'dry-run',
      resources: [],
    });
    expect(client.triggered).toEqual([]);
    expect(client.polled).toEqual([]);
  });
});
