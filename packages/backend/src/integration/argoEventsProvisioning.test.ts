/*
 * argo-events:trigger (scaffolder-backend-module-argo-events) against the real provisioning
 * backend (in a test backend, on SQLite) and the Argo Events webhook harness playing the workflow:
 * the two plugins together. The action's own tests use a fake ProvisioningClient.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { provisioningPlugin } from '@internal/plugin-provisioning-backend';
import { WebhookHarness } from '@internal/plugin-provisioning-backend/testUtils';
import {
  createArgoEventsTriggerAction,
  createProvisioningClient,
} from '@internal/plugin-scaffolder-backend-module-argo-events';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';

jest.setTimeout(60_000);

const SECRET = 'action-test-eventsource-secret-0123';
/** The templates the platform registers (app-config.yaml), with their parameter schemas. */
const TEMPLATES = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../app-config.yaml'),
    'utf8',
  ),
).provisioning.templates;

describe('argo-events:trigger with provisioning-backend', () => {
  let harness: WebhookHarness;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let action: ReturnType<typeof createArgoEventsTriggerAction>;

  beforeEach(async () => {
    harness = await WebhookHarness.start({
      context: { endpoint: '/provisioning', method: 'POST' },
      authToken: SECRET,
    });
    backend = await startTestBackend({
      features: [
        provisioningPlugin,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payments-svc', namespace: 'default' },
              spec: { type: 'service', owner: 'payments-team' },
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'storefront', namespace: 'default' },
              spec: { type: 'website', owner: 'storefront-team' },
            },
          ],
        }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result:
                'resourceRef' in r &&
                r.resourceRef === 'component:default/storefront'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })) as any,
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            provisioning: {
              argoEvents: {
                webhookUrl: harness.url,
                authToken: SECRET,
                requestTimeoutMs: 2000,
              },
              callback: { tokenDelivery: 'payload' },
              templates: TEMPLATES,
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    action = createArgoEventsTriggerAction({
      client: createProvisioningClient({
        auth: mockServices.auth(),
        discovery: {
          getBaseUrl: async id => `http://localhost:${port}/api/${id}`,
          getExternalBaseUrl: async id => `http://localhost:${port}/api/${id}`,
        },
      }),
      pollIntervalMs: 50,
    });
  });

  afterEach(async () => {
    await harness.stop();
    await backend.stop();
  });

  const context = (input: Record<string, unknown>, extra: object = {}) => {
    const ctx = {
      ...createMockActionContext({ input: input as any }),
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/bob'),
      ...extra,
    };
    const lines: string[] = [];
    jest.spyOn(ctx.logger, 'info').mockImplementation(((m: string) => {
      lines.push(m);
    }) as any);
    return { ctx, lines };
  };

  it('starts a run on behalf of the initiator and returns its id at once', async () => {
    const { ctx } = context({
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
      parameters: { environment: 'payments-staging' },
    });
    await action.handler(ctx as any);
    const runId = (ctx.output as jest.Mock).mock.calls.find(
      c => c[0] === 'runId',
    )[1];
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.output).toHaveBeenCalledWith('status', 'queued');
    for (let i = 0; i < 100 && harness.deliveries.length === 0; i++)
      await new Promise(r => setTimeout(r, 50));
    expect(harness.deliveries[0].payload).toMatchObject({
      runId,
      user: 'user:default/bob',
      parameters: {
        environment: 'payments-staging',
        baselineServices: ['monitoring'],
      },
    });
  });

  it('waits for the run, logging every reported step, and outputs the resources', async () => {
    harness.workflow = { steps: ['namespace', 'baseline'], stepDelayMs: 20 };
    const { ctx, lines } = context({
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
      parameters: { environment: 'payments-dev' },
      wait: true,
      timeoutSeconds: 30,
    });
    await action.handler(ctx as any);
    expect(lines.filter(l => l.startsWith('['))).toEqual([
      '[namespace] running - Creating namespace',
      expect.stringMatching(
        /^\[namespace\] succeeded - namespace ready \(namespace: https:\/\/console\.example\.com\//,
      ),
      '[baseline] running - Creating baseline',
      expect.stringMatching(/^\[baseline\] succeeded - baseline ready/),
    ]);
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
    expect(ctx.output).toHaveBeenCalledWith('resources', [
      expect.objectContaining({ title: 'namespace' }),
      expect.objectContaining({ title: 'baseline' }),
    ]);
  });

  it('fails the step when the run fails, with the reason', async () => {
    harness.workflow = {
      steps: ['namespace', 'rbac'],
      failStep: 'rbac',
      stepDelayMs: 10,
    };
    const { ctx } = context({
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
      parameters: { environment: 'payments-dev' },
      wait: true,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /failed: Step rbac failed: rbac could not be created/,
    );
  });

  it('fails the step when the run does not end in time', async () => {
    harness.workflow = undefined;
    const { ctx } = context({
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
      parameters: { environment: 'payments-dev' },
      wait: true,
      timeoutSeconds: 5,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /did not end within 5 s \(still running\)/,
    );
  });

  it('reports the backend refusing a non-owner', async () => {
    const { ctx } = context({
      template: 'new-environment',
      entityRef: 'component:default/storefront',
      parameters: { environment: 'storefront-dev' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /Only the owners of component:default\/storefront/,
    );
  });

  it.each([
    [
      { environment: 'dev', command: 'id' },
      /Unknown field parameters\.command/,
    ],
    [
      { environment: 'kube-system' },
      /"kube-system" is reserved for the platform/,
    ],
    [
      { environment: 'dev', baselineServices: ['vault'] },
      /parameters\.baselineServices\.0/,
    ],
  ])(
    'reports the backend refusing parameters its registered schema does not take: %j',
    async (parameters, message) => {
      const { ctx } = context({
        template: 'new-environment',
        entityRef: 'component:default/payments-svc',
        parameters,
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(message);
      expect(harness.deliveries).toHaveLength(0);
    },
  );

  it('starts runs as the initiator, never as the scaffolder plugin', async () => {
    const { ctx } = context(
      {
        template: 'new-environment',
        entityRef: 'component:default/payments-svc',
        parameters: { environment: 'payments-dev' },
      },
      // A task without a signed-in initiator: the scaffolder's own credentials.
      {
        getInitiatorCredentials: async () =>
          mockCredentials.service('plugin:scaffolder'),
      },
    );
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /Starting the provisioning run failed/,
    );
    expect(harness.deliveries).toHaveLength(0);
  });

  it('refuses secret-looking parameters before calling anything', async () => {
    const { ctx } = context({
      template: 'new-environment',
      entityRef: 'component:default/payments-svc',
      parameters: { apiKey: 'x' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /Invalid input parameters\.apiKey/,
    );
  });

  it('shows the payload on a dry run without starting anything', async () => {
    const { ctx, lines } = context(
      {
        template: 'new-environment',
        entityRef: 'component:default/payments-svc',
        parameters: { environment: 'dev' },
      },
      { isDryRun: true },
    );
    await action.handler(ctx as any);
    expect(lines[0]).toContain(
      'Dry run: would start provisioning run {"template":"new-environment"',
    );
    expect(ctx.output).toHaveBeenCalledWith('runId', 'dry-run');
    const list = await fetch(
      `http://localhost:${
        (backend.server.address() as AddressInfo).port
      }/api/provisioning/runs`,
      {
        headers: { authorization: mockCredentials.user.header() },
      },
    );
    expect((await list.json()).items).toEqual([]);
  });
});
