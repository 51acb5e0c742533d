import {
  DefaultAuditorService,
  type AuditorEvent,
} from '@backstage/backend-defaults/auditor';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { componentEntity, shopComponent } from './entities';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { observabilityPlugin } from '../plugin';

export { componentEntity, shopComponent };

/** What the test backend's teams hold unless a test says otherwise. */
export const TEST_TEAM_NAMESPACES = { 'team-a': ['shop'] };

/** A rate limit no ordinary test reaches (tests of the limit set their own). */
const GENEROUS_RATE_LIMIT = { requestsPerMinute: 1_000_000, burst: 100_000 };

/**
 * The real auditor of `@backstage/backend-defaults` (it resolves the caller from the request as
 * in production), whose events land in `events` instead of the log.
 */
function recordingAuditor(events: AuditorEvent[]) {
  return createServiceFactory({
    service: coreServices.auditor,
    deps: {
      auth: coreServices.auth,
      httpAuth: coreServices.httpAuth,
      plugin: coreServices.pluginMetadata,
    },
    factory: deps =>
      DefaultAuditorService.create(event => {
        events.push(event);
      }, deps),
  });
}

/**
 * A test backend with the observability plugin, an in-memory catalog, a fixed decision and the
 * team → namespaces map `teamNamespaces` (as `portico.teamNamespaces.static`). The auditor is a
 * mock (`auditor`, `audited`), or with `recordAudit` the real one, its events in `auditEvents`.
 */
export async function startObservabilityBackend(options: {
  config: JsonObject;
  entities: Entity[];
  logs?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  teamNamespaces?: Record<string, string[]>;
  recordAudit?: boolean;
}) {
  const auditEvents: AuditorEvent[] = [];
  const audited = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => audited),
  });
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({ result: options.logs ?? AuthorizeResult.ALLOW })),
    ),
  });
  const observability = (options.config.observability ?? {}) as JsonObject;
  const config: JsonObject = {
    ...options.config,
    observability: {
      ...observability,
      rateLimit: (observability.rateLimit as JsonObject) ?? GENEROUS_RATE_LIMIT,
    },
    portico: {
      teamNamespaces: {
        source: 'static',
        static: options.teamNamespaces ?? TEST_TEAM_NAMESPACES,
      },
    },
  };
  const backend = await startTestBackend({
    features: [
      observabilityPlugin,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({ entities: options.entities }),
      permissions.factory,
      options.recordAudit ? recordingAuditor(auditEvents) : auditor.factory,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  const agent = request(backend.server);
  const user = mockCredentials.user.header('user:default/bob');
  return {
    backend,
    auditor,
    audited,
    auditEvents,
    permissions,
    get: (path: string) =>
      agent.get(`/api/observability${path}`).set('Authorization', user),
    /** As another signed-in user. */
    getAs: (userEntityRef: string, path: string) =>
      agent
        .get(`/api/observability${path}`)
        .set('Authorization', mockCredentials.user.header(userEntityRef)),
    /** As a service principal (another plugin, or a static token). */
    getAsService: (path: string) =>
      agent
        .get(`/api/observability${path}`)
        .set('Authorization', mockCredentials.service.header()),
    anonymous: (path: string) => agent.get(`/api/observability${path}`),
    stop: () => backend.stop(),
  };
}

/** Runs `test` against a test backend of {@link startObservabilityBackend}, stopped after it. */
export async function withObservabilityBackend(
  options: Parameters<typeof startObservabilityBackend>[0],
  test: (
    api: Awaited<ReturnType<typeof startObservabilityBackend>>,
  ) => Promise<void>,
): Promise<void> {
  const api = await startObservabilityBackend(options);
  try {
    await test(api);
  } finally {
    await api.stop();
  }
}
