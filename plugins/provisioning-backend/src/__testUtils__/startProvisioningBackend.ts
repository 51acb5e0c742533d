import type { Entity } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { provisioningPlugin } from '../plugin';
import { HARNESS_CONTEXT } from './testConfig';

export const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-svc', namespace: 'default' },
    spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront', namespace: 'default' },
    spec: {
      type: 'website',
      owner: 'group:default/storefront-team',
      lifecycle: 'production',
    },
  },
];

/** Entities whose owners are not the test user: provisioning them is denied. */
const NOT_OWNED = new Set(['component:default/storefront']);

export interface AuditCall {
  eventId: string;
  outcome: 'initiated' | 'succeeded' | 'failed';
  meta?: Record<string, unknown>;
  error?: string;
}

/** A backend with only the provisioning plugin (and fakes of what it depends on). */
export async function startProvisioningBackend(options: {
  knex?: Knex;
  webhookUrl: string;
  authToken: string;
}) {
  const audits: AuditCall[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async ({ eventId, meta }) => {
      audits.push({ eventId, outcome: 'initiated', meta: meta as any });
      return {
        success: async params => {
          audits.push({
            eventId,
            outcome: 'succeeded',
            meta: { ...meta, ...params?.meta } as any,
          });
        },
        fail: async params => {
          audits.push({
            eventId,
            outcome: 'failed',
            meta: meta as any,
            error: String(params.error?.message),
          });
        },
      };
    },
  });
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          'resourceRef' in r && r.resourceRef && NOT_OWNED.has(r.resourceRef)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })) as any,
  });
  const backend = await startTestBackend({
    features: [
      provisioningPlugin,
      catalogServiceMock.factory({ entities: ENTITIES }),
      auditor.factory,
      permissions.factory,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({
        data: {
          provisioning: {
            argoEvents: {
              webhookUrl: options.webhookUrl,
              authToken: options.authToken,
              requestTimeoutMs: 2000,
              backoffBaseMs: 20,
              backoffMaxMs: 100,
            },
            dispatcher: { intervalMs: 100 },
          },
        },
      }),
    ],
  });
  return { backend, audits };
}

export { HARNESS_CONTEXT };
