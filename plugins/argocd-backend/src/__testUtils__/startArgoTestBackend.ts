import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { argocdPlugin } from '../plugin';
import { FakeArgoCd } from '../testing';

export function component(
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/team-a',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

/** Three fake instances (token, token, username/password) and a test backend with the plugin. */
export async function startArgoTestBackend(options: {
  entities: Entity[];
  allow?: (permission: string) => boolean;
}) {
  const prod = await FakeArgoCd.start({
    tokens: ['prod-token'],
    apps: [
      { name: 'payments', labels: { team: 'pay' }, historyLength: 4 },
      {
        name: 'cart',
        labels: { team: 'shop' },
        syncStatus: 'OutOfSync',
        healthStatus: 'Degraded',
      },
      { name: 'checkout', labels: { team: 'shop' }, operationRunning: true },
      { name: 'charts', chart: 'nginx' },
    ],
  });
  const staging = await FakeArgoCd.start({
    users: { portico: 'staging-password' },
    apps: [
      { name: 'payments', labels: { team: 'pay' } },
      { name: 'ns-app', namespace: 'team-x' },
    ],
  });
  const dr = await FakeArgoCd.start({
    tokens: ['dr-token'],
    apps: [{ name: 'cart', labels: { team: 'shop' } }],
  });
  const authorize = jest.fn(
    async (requests: Array<{ permission: { name: string } }>) =>
      requests.map(r => ({
        result: (options.allow ?? (() => true))(r.permission.name)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
  );
  const auditor = mockServices.auditor.mock();
  const events: Array<{ eventId: string; outcome?: string; meta?: unknown }> =
    [];
  auditor.createEvent.mockImplementation(async ({ eventId, meta }: any) => {
    const event: { eventId: string; outcome?: string; meta?: unknown } = {
      eventId,
      meta,
    };
    events.push(event);
    return {
      success: async () => {
        event.outcome = 'succeeded';
      },
      fail: async () => {
        event.outcome = 'failed';
      },
    };
  });
  const backend = await startTestBackend({
    features: [
      argocdPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.permissions.mock({ authorize: authorize as any }).factory,
      auditor.factory,
      mockServices.rootConfig.factory({
        data: {
          argocd: {
            instances: [
              {
                name: 'prod',
                url: prod.url,
                uiUrl: 'https://argocd.example.com/',
                token: 'prod-token',
              },
              {
                name: 'staging',
                url: staging.url,
                username: 'portico',
                password: 'staging-password',
              },
              { name: 'dr', url: dr.url, token: 'dr-token' },
            ],
            refresh: { frequency: { minutes: 10 } },
          },
        },
      }),
    ],
  });
  return {
    backend,
    server: backend.server,
    fakes: { prod, staging, dr },
    authorize,
    events,
    async close() {
      await backend.stop();
      await Promise.all([prod.close(), staging.close(), dr.close()]);
    },
  };
}
