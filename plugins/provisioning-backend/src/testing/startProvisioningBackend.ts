import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import { parse } from 'yaml';
import {
  coreServices,
  createServiceFactory,
  resolvePackagePath,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
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

/** `provisioning.templates` of the repository's app-config.yaml: the real registrations. */
export function repoTemplates(): JsonObject {
  const file = resolvePackagePath(
    '@internal/plugin-provisioning-backend',
    '../../app-config.yaml',
  );
  return parse(fs.readFileSync(file, 'utf8')).provisioning.templates;
}

/** Namespaces the teams of the tests hold (portico.teamNamespaces.static). */
export const TEAM_NAMESPACES = {
  'payments-team': ['payments-staging'],
  'storefront-team': ['storefront-prod'],
};

function merge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      prev && v && typeof prev === 'object' && typeof v === 'object'
        ? merge(prev as JsonObject, v as JsonObject)
        : v;
  }
  return out;
}

/**
 * A scheduler that runs each task on a timer, as the real one does (the mock scheduler of
 * backend-test-utils runs tasks only when triggered), at most every 200 ms in tests.
 */
export const intervalSchedulerFactory = createServiceFactory({
  service: coreServices.scheduler,
  deps: { lifecycle: coreServices.lifecycle },
  async factory({ lifecycle }) {
    const timers: NodeJS.Timeout[] = [];
    lifecycle.addShutdownHook(() => timers.forEach(t => clearInterval(t)));
    const scheduler = mockServices.scheduler.mock({
      async scheduleTask(task) {
        const frequency = (task as SchedulerServiceTaskScheduleDefinition)
          .frequency as HumanDuration;
        const ms = Math.min(200, durationToMilliseconds(frequency));
        let running = false;
        timers.push(
          setInterval(() => {
            if (running) return;
            running = true;
            Promise.resolve(task.fn(new AbortController().signal as any))
              .catch(() => undefined)
              .finally(() => {
                running = false;
              });
          }, ms),
        );
      },
    });
    return scheduler;
  },
});

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
  /** Merged over the test config. */
  config?: JsonObject;
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
      intervalSchedulerFactory,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({
        data: merge(
          {
            provisioning: {
              argoEvents: {
                webhookUrl: options.webhookUrl,
                authToken: options.authToken,
                requestTimeoutMs: 2000,
                backoffBaseMs: 20,
                backoffMaxMs: 100,
              },
              callback: { tokenDelivery: 'payload' },
              dispatcher: { intervalMs: 100 },
              templates: repoTemplates(),
            },
            portico: {
              reservedNamespaces: ['vault'],
              teamNamespaces: { source: 'static', static: TEAM_NAMESPACES },
            },
          },
          options.config ?? {},
        ),
      }),
    ],
  });
  return { backend, audits };
}

export { HARNESS_CONTEXT };
