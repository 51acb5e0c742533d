import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  AuthenticationError,
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { provisioningRunCreatePermission } from '@internal/plugin-portico-permissions-common';
import {
  runEventRequestSchema,
  triggerRunRequestSchema,
  type TriggerRunResponse,
} from '@internal/plugin-provisioning-common';
import express from 'express';
import Router from 'express-promise-router';
import { bearerToken } from '../tokens/callbackToken';
import type { ProvisioningService } from './ProvisioningService';
import { bodyError, isRunId, parseRunQuery } from './parseRunQuery';

export interface RouterOptions {
  service: ProvisioningService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
}

/** The path of the workflow's callback (reachable without a Backstage token). */
export const CALLBACK_PATH = '/runs/:id/events';

/** Same answer for an unknown run and a wrong token: a caller without the token learns nothing. */
const UNKNOWN_RUN_OR_TOKEN = 'Unknown provisioning run or wrong callback token';

/** The team that owns `entity` (first ownedBy relation, else spec.owner), as a full ref. */
function ownerOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === 'ownedBy');
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  ).toLocaleLowerCase('en-US');
}

/**
 * The provisioning API:
 * - `POST /runs` starts a run for an entity (signed-in users, owners of the entity only);
 * - `GET /runs`, `GET /runs/:id` list and show runs (everyone signed in);
 * - `POST /runs/:id/events` takes the workflow's reports, authenticated by the run's own token.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, auditor, catalog } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post('/runs', async (req, res) => {
    const event = await auditor.createEvent({
      eventId: 'provisioning-run-trigger',
      severityLevel: 'medium',
      request: req,
      meta: {
        template: String(req.body?.template ?? ''),
        entityRef: String(req.body?.entityRef ?? ''),
      },
    });
    try {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const parsed = triggerRunRequestSchema.safeParse(req.body);
      if (!parsed.success) throw bodyError(parsed.error);
      const entityRef = stringifyEntityRef(
        parseEntityRef(parsed.data.entityRef),
      ).toLocaleLowerCase('en-US');
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      await authorizeCreate(credentials, entityRef);
      const run = await service.trigger({
        template: parsed.data.template,
        entityRef,
        owner: ownerOf(entity),
        userRef: credentials.principal.userEntityRef,
        parameters: parsed.data.parameters,
      });
      await event.success({ meta: { runId: run.id } });
      const body: TriggerRunResponse = { runId: run.id, status: 'queued' };
      res.status(202).json(body);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  async function authorizeCreate(
    credentials: BackstageCredentials,
    entityRef: string,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission: provisioningRunCreatePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only the owners of ${entityRef} may start provisioning runs for it`,
      );
    }
  }

  router.get('/runs', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { filter, page } = parseRunQuery(req.query);
    res.json(await service.listRuns(filter, page));
  });

  router.get('/runs/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const run = isRunId(req.params.id)
      ? await service.getRun(req.params.id.toLowerCase())
      : undefined;
    if (!run) {
      throw new NotFoundError(`No provisioning run ${req.params.id}`);
    }
    res.json(run);
  });

  router.post('/runs/:id/events', async (req, res) => {
    const runId = req.params.id;
    // No `request` here: the caller holds a run token, not Backstage credentials.
    const event = await auditor.createEvent({
      eventId: 'provisioning-run-callback',
      severityLevel: 'medium',
      meta: {
        runId,
        eventId: String(req.body?.eventId ?? ''),
        step: String(req.body?.step ?? ''),
        status: String(req.body?.status ?? ''),
        ip: req.ip ?? '',
      },
    });
    try {
      const token = bearerToken(req.header('authorization'));
      if (!token || !isRunId(runId)) {
        throw new AuthenticationError(UNKNOWN_RUN_OR_TOKEN);
      }
      const parsed = runEventRequestSchema.safeParse(req.body);
      if (!parsed.success) throw bodyError(parsed.error);
      const result = await service.recordEvent(
        runId.toLowerCase(),
        token,
        parsed.data,
      );
      switch (result.result) {
        case 'unauthorized':
          throw new AuthenticationError(UNKNOWN_RUN_OR_TOKEN);
        case 'expired':
          throw new AuthenticationError(
            'The callback token of this run has expired',
          );
        case 'ended':
          throw new ConflictError(
            `The run has already ended (${result.status}); no more reports are accepted`,
          );
        case 'replay':
          throw new ConflictError(
            `Event ${parsed.data.eventId} was already recorded (seq ${result.seq})`,
          );
        default:
      }
      await event.success({
        meta: { seq: result.seq, runStatus: result.status },
      });
      res.status(201).json({ seq: result.seq, runStatus: result.status });
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
