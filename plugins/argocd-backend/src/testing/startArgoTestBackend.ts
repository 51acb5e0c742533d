import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { argocdPlugin } from '../plugin';
import { FakeArgoCd } from './FakeArgoCd';
import { makeFakeApplication } from './fakeApplications';

/** Values, parameters and plugin env that must never leave the backend. */
export const SOURCE_SECRETS = [
  'helm-values-secret',
  'helm-parameter-secret',
  'plugin-env-secret',
  'kustomize-secret',
];

/**
 * An application whose sources carry Helm values and parameters, a config management plugin's
 * env and a kustomize block, in spec.source, spec.sources and every history entry.
 */
function helmApplication() {
  const app = makeFakeApplication({ name: 'helm-app', chart: 'nginx' });
  const secretSource = (base: Record<string, unknown>) => ({
    ...base,
    helm: {
      values: `password: ${SOURCE_SECRETS[0]}`,
      parameters: [{ name: 'db.password', value: SOURCE_SECRETS[1] }],
    },
    plugin: { name: 'cmp', env: [{ name: 'TOKEN', value: SOURCE_SECRETS[2] }] },
    kustomize: { commonAnnotations: { secret: SOURCE_SECRETS[3] } },
    directory: { recurse: true },
  });
  const source = secretSource(app.spec.source);
  app.spec.source = source;
  app.spec.sources = [
    source,
    secretSource({
      repoURL: 'https://git.example.com/platform/values.git',
      path: 'values',
      targetRevision: 'main',
    }),
  ];
  for (const h of app.status.history) {
    h.source = source;
    h.sources = app.spec.sources;
  }
  return app;
}

export { componentEntity } from '@internal/plugin-portico-node/testUtils';

/** What the mock auditor kept of one event. */
export interface AuditRecord {
  eventId: string;
  severityLevel?: string;
  meta?: unknown;
  outcome?: 'succeeded' | 'failed';
  outcomeMeta?: Record<string, unknown>;
  error?: string;
  /** Requests the fakes had received when the event was created. */
  upstreamCallsAtCreate: number;
}

/**
 * Three fake instances (token, token, username/password) and a test backend with the plugin.
 * Applications of team-a carry the platform's label and project (`team: 'team-a'`); `checkout`
 * belongs to team-b, `charts` to nobody, and `mislabelled` has team-a's label in project default.
 */
export async function startArgoTestBackend(options: {
  entities: Entity[];
  allow?: (permission: string) => boolean;
}) {
  const prod = await FakeArgoCd.start({
    tokens: ['prod-token'],
    apps: [
      {
        name: 'payments',
        team: 'team-a',
        labels: { team: 'pay' },
        historyLength: 4,
      },
      {
        name: 'cart',
        team: 'team-a',
        labels: { team: 'shop' },
        syncStatus: 'OutOfSync',
        healthStatus: 'Degraded',
      },
      {
        name: 'checkout',
        team: 'team-b',
        labels: { team: 'shop' },
        operationRunning: true,
      },
      { name: 'charts', chart: 'nginx' },
      { name: 'mislabelled', team: 'team-a', project: 'default' },
      helmApplication(),
    ],
  });
  const staging = await FakeArgoCd.start({
    users: { portico: 'staging-password' },
    apps: [
      { name: 'payments', team: 'team-a', labels: { team: 'pay' } },
      { name: 'ns-app', namespace: 'team-x', team: 'team-a' },
    ],
  });
  const dr = await FakeArgoCd.start({
    tokens: ['dr-token'],
    apps: [
      { name: 'cart', team: 'team-a', labels: { team: 'shop' } },
      { name: 'moving', team: 'team-a' },
    ],
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
  const upstreamCalls = () =>
    prod.totalRequests + staging.totalRequests + dr.totalRequests;
  const events: AuditRecord[] = [];
  auditor.createEvent.mockImplementation(
    async ({ eventId, severityLevel, meta }: any) => {
      const event: AuditRecord = {
        eventId,
        severityLevel,
        meta,
        upstreamCallsAtCreate: upstreamCalls(),
      };
      events.push(event);
      return {
        success: async (done?: { meta?: Record<string, unknown> }) => {
          event.outcome = 'succeeded';
          event.outcomeMeta = done?.meta;
        },
        fail: async (failed: {
          error: Error;
          meta?: Record<string, unknown>;
        }) => {
          event.outcome = 'failed';
          event.error = failed.error.message;
          event.outcomeMeta = failed.meta;
        },
      };
    },
  );
  const signals: SignalPayload[] = [];
  const backend = await startTestBackend({
    features: [
      argocdPlugin,
      // the real scheduler: the watcher's sessions are long-running global tasks (the mock one
      // runs every task to its end at startup, and never again)
      schedulerServiceFactory,
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          publish: async (signal: SignalPayload<any>) => {
            signals.push(signal);
          },
        }),
      }),
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
    /** Every signal the plugin published. */
    signals,
    /**
     * Resolves once the fakes got no request for 400 ms: the watcher's background calls are
     * done (with `prefetched`, after its first prefetch of revision metadata began).
     */
    async settled(wanted: { prefetched?: boolean } = {}) {
      let last = -1;
      for (let i = 0; i < 100; i++) {
        const now = upstreamCalls();
        const started =
          !wanted.prefetched || prod.count('revision-metadata') > 0;
        if (now === last && started) return;
        last = now;
        await new Promise(r => setTimeout(r, 400));
      }
      throw new Error('the fake Argo CDs kept being called');
    },
    async close() {
      await backend.stop();
      await Promise.all([prod.close(), staging.close(), dr.close()]);
    },
  };
}
