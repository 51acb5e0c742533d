import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { observabilityPlugin } from '../plugin';

/** A component entity; `annotations` as the test needs them. */
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

/** A test backend with the observability plugin, an in-memory catalog and a fixed decision. */
export async function startObservabilityBackend(options: {
  config: JsonObject;
  entities: Entity[];
  logs?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const audited = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => audited),
  });
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({ result: options.logs ?? AuthorizeResult.ALLOW })),
    ),
  });
  const backend = await startTestBackend({
    features: [
      observabilityPlugin,
      mockServices.rootConfig.factory({ data: options.config }),
      catalogServiceMock.factory({ entities: options.entities }),
      permissions.factory,
      auditor.factory,
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
    permissions,
    get: (path: string) =>
      agent.get(`/api/observability${path}`).set('Authorization', user),
    anonymous: (path: string) => agent.get(`/api/observability${path}`),
    stop: () => backend.stop(),
  };
}
