/*
 * The harness is configured from the real EventSource of deploy/argo-events/ (validated against
 * the Argo Events schema in packages/deployment-checks) and answers like the webhook EventSource
 * does; the real dispatcher's deliveries carry every field the Sensor reads from the event.
 */
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createProvisioningStores } from '../database/ProvisioningStores';
import { OutboxDispatcher } from '../dispatcher/OutboxDispatcher';
import { provisioningTestDatabases } from './provisioningDatabases';
import { testConfig } from './testConfig';
import { WebhookHarness } from './WebhookHarness';

jest.setTimeout(60_000);

const deployDir = path.resolve(__dirname, '../../../../deploy/argo-events');
const manifest = (file: string) =>
  parseAllDocuments(fs.readFileSync(path.join(deployDir, file), 'utf8')).map(
    d => d.toJS(),
  )[0];
const eventSource = manifest('eventsource.yaml');
const sensor = manifest('sensor.yaml');
const context = eventSource.spec.webhook.provisioning;
const SECRET = 'eventsource-auth-secret-from-the-externalsecret';

/** Looks a dotted key (`body.parameters.environment`) up in an event, like the Sensor's dataKey. */
function lookup(event: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<any>(
      (v, k) => (v === undefined || v === null ? undefined : v[k]),
      event,
    );
}

describe('WebhookHarness as the EventSource of deploy/argo-events', () => {
  let harness: WebhookHarness;
  beforeEach(async () => {
    harness = await WebhookHarness.start({ context, authToken: SECRET });
  });
  afterEach(() => harness.stop());

  const post = (init: RequestInit & { path?: string } = {}) =>
    fetch(
      init.path
        ? harness.url.replace(context.endpoint, init.path)
        : harness.url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${SECRET}`,
          'content-type': 'application/json',
        },
        body: '{}',
        ...init,
      },
    );

  it('answers like the webhook EventSource', async () => {
    const ok = await post();
    expect([ok.status, await ok.text()]).toEqual([200, 'success']);
    const noAuth = await post({ headers: {} });
    expect([noAuth.status, await noAuth.text()]).toEqual([
      401,
      'Invalid Authorization Header',
    ]);
    const wrong = await post({ headers: { authorization: 'Bearer nope' } });
    expect([wrong.status, await wrong.text()]).toEqual([
      401,
      'Invalid Auth token',
    ]);
    const get = await post({ method: 'GET', body: undefined });
    expect([get.status, await get.text()]).toEqual([
      400,
      'http method does not match',
    ]);
    expect((await post({ path: '/elsewhere' })).status).toBe(404);
    harness.mode = { kind: 'status', status: 500 };
    expect([(await post()).status]).toEqual([500]);
  });

  it('refuses connections during an outage and comes back on the same URL', async () => {
    const url = harness.url;
    await harness.outage();
    await expect(post()).rejects.toThrow();
    await harness.recover();
    expect(harness.url).toBe(url);
    expect((await post()).status).toBe(200);
  });

  describe('with the real dispatcher', () => {
    const dbs = provisioningTestDatabases(['POSTGRES_15']);

    it('delivers events that carry every field the Sensor reads', async () => {
      const knex = await dbs.init('POSTGRES_15');
      const stores = createProvisioningStores(knex);
      const run = await stores.runs.createRun({
        template: 'new-environment',
        entityRef: 'component:default/payments-svc',
        owner: 'group:default/payments-team',
        userRef: 'user:default/bob',
        parameters: {
          environment: 'payments-staging',
          baselineServices: ['postgres'],
        },
      });
      const dispatcher = new OutboxDispatcher({
        stores,
        config: testConfig(harness.url, { authToken: SECRET }),
        logger: mockServices.logger.mock(),
        instanceId: 'test',
        callbackUrl: id =>
          `http://portico.portico.svc/api/provisioning/runs/${id}/events`,
      });
      await dispatcher.runOnce();
      const [delivery] = harness.deliveries;
      expect(delivery.status).toBe(200);
      // The Argo Events event: headers and the JSON body.
      const event = {
        header: { 'Idempotency-Key': [delivery.idempotencyKey] },
        body: delivery.payload,
      };
      const trigger = sensor.spec.triggers[0].template.argoWorkflow;
      const keys: string[] = trigger.parameters.flatMap((p: any) =>
        p.src.dataKey ? [p.src.dataKey] : [],
      );
      expect(keys.length).toBeGreaterThan(4);
      for (const key of keys) {
        expect([key, lookup(event, key) !== undefined]).toEqual([key, true]);
      }
      const filter = sensor.spec.dependencies[0].filters.data[0];
      expect(filter.value).toContain(lookup(event, filter.path));
      expect(lookup(event, 'body.runId')).toBe(run.id);
      await dispatcher.stop();
    });
  });
});
