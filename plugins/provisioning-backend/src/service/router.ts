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
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { provisioningRunCreatePermission } from '@internal/plugin-portico-permissions-common';
import {
  reservedNamespaceReason,
  teamOfGroupRef,
  type TeamNamespacesService,
} from '@internal/plugin-portico-node';
import {
  runEventRequestSchema,
  triggerRunRequestSchema,
  type TriggerRunResponse,
} from '@internal/plugin-provisioning-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CallbackGuard } from '../callback/CallbackGuard';
import type { TemplateRegistry } from '../templates/TemplateRegistry';
import { bearerToken } from '../tokens/callbackToken';
import { TooManyRequestsError } from './errors';
import type { ProvisioningService } from './ProvisioningService';
import { bodyError, isRunId, parseRunQuery } from './parseRunQuery';

export interface RouterOptions {
  service: ProvisioningService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  /** The templates runs may be started for, with their parameter schemas (platform config). */
  templates: TemplateRegistry;
  /** Which team holds which namespace (the platform's fact). */
  teamNamespaces: TeamNamespacesService;
  /** Namespaces no run may name (readReservedNamespaces). */
  reservedNamespaces: readonly string[];
  /** Runs a user may have in progress at once. */
  activeRunsPerUser: number;
  guard: CallbackGuard;
}

/**
 * The only services that may start runs for a user (their token carries the user as principal
 * and the service as actor): the scaffolder, for its task's initiator.
 */
export const TRIGGER_ACTORS: readonly string[] = ['plugin:scaffolder'];

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
 * - `POST /runs` starts a run of a registered template for an entity (users, or the scaffolder
 *   for its task's initiator; owners of the entity only), its parameters checked against the
 *   template's schema, reserved and other teams' namespaces refused, before anything is written;
 * - `GET /runs`, `GET /runs/:id` list and show runs (everyone signed in);
 * - `POST /runs/:id/events` takes the workflow's reports, authenticated by the run's own token
 *   before anything is written; refusals are counted and rate-limited (429).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    service,
    httpAuth,
    permissions,
    auditor,
    catalog,
    templates,
    teamNamespaces,
    reservedNamespaces,
    activeRunsPerUser,
    guard,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
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
      // Users only: a user's own token, or the scaffolder's token for its task's initiator
      // (principal = the user, actor = plugin:scaffolder), so that the initiator's identity
      // and permissions decide, never a plugin's.
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const actor = credentials.principal.actor?.subject;
      if (actor !== undefined && !TRIGGER_ACTORS.includes(actor)) {
        throw new NotAllowedError(
          `Provisioning runs are started by users, or by the scaffolder for its task's initiator, not by ${actor}`,
        );
      }
      const parsed = triggerRunRequestSchema.safeParse(req.body);
      if (!parsed.success) throw bodyError(parsed.error);
      const template = templates.get(parsed.data.template);
      if (!template) {
        throw new InputError(
          `Invalid field template: ${
            parsed.data.template
          } is not a registered provisioning template (registered: ${
            templates.names().join(', ') || 'none'
          })`,
        );
      }
      // The template's schema, then reserved names: field errors, before anything else.
      const parameters = template.validate(parsed.data.parameters);
      const namespaces = template.namespaceParameters.flatMap(field => {
        const value = parameters[field];
        return typeof value === 'string' ? [{ field, name: value }] : [];
      });
      for (const { field, name } of namespaces) {
        const reason = reservedNamespaceReason(name, reservedNamespaces);
        if (reason) {
          throw new InputError(`Invalid field parameters.${field}: ${reason}`);
        }
      }

      const entityRef = stringifyEntityRef(
        parseEntityRef(parsed.data.entityRef),
      ).toLocaleLowerCase('en-US');
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      await authorizeCreate(credentials, entityRef);
      const owner = ownerOf(entity);
      if (namespaces.length > 0) {
        await authorizeNamespaces(entityRef, owner, namespaces);
      }
      const userRef = credentials.principal.userEntityRef;
      const active = await service.activeRunsOf(userRef);
      if (active >= activeRunsPerUser) {
        throw new TooManyRequestsError(
          `You have ${active} provisioning runs in progress (at most ${activeRunsPerUser}); wait for one to end`,
          60,
        );
      }
      const run = await service.trigger({
        template: template.name,
        entityRef,
        owner,
        userRef,
        parameters,
      });
      await event.success({
        meta: { runId: run.id, ...(actor ? { actor } : {}) },
      });
      const body: TriggerRunResponse = { runId: run.id, status: 'queued' };
      res.status(202).json(body);
    } catch (error) {
      if (error instanceof TooManyRequestsError && error.retryAfterSeconds) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  /**
   * A run may create or act only in namespaces that do not exist yet or that the entity's
   * owning team already holds (the Namespace's portico.io/team label, via the platform).
   */
  async function authorizeNamespaces(
    entityRef: string,
    owner: string | undefined,
    namespaces: Array<{ field: string; name: string }>,
  ) {
    const team = owner ? teamOfGroupRef(owner) : undefined;
    if (!team) {
      throw new NotAllowedError(
        `${entityRef} is not owned by a team (owner: ${
          owner ?? 'none'
        }); only a team's entity gets namespaces`,
      );
    }
    for (const { field, name } of namespaces) {
      const held = await teamNamespaces.ownerOf(name);
      if (!held.exists || held.team === team) continue;
      throw new NotAllowedError(
        held.team
          ? `Namespace "${name}" (parameters.${field}) belongs to team ${held.team}, not to ${team}`
          : `Namespace "${name}" (parameters.${field}) exists and is not a Portico team's namespace`,
      );
    }
  }

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
    const runId = isRunId(req.params.id)
      ? req.params.id.toLowerCase()
      : undefined;
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const tooMany = (retryAfterSeconds: number) => {
      res.setHeader('Retry-After', String(retryAfterSeconds));
      return new TooManyRequestsError(
        'Too many refused provisioning callbacks; try again later',
        retryAfterSeconds,
      );
    };

    // The token first, and nothing written (no audit event, no row) for a caller without a
    // valid one: refusals are only counted (metric, a throttled log line) and rate-limited.
    const admitted = guard.admit(ip);
    if (admitted.retryAfterSeconds) throw tooMany(admitted.retryAfterSeconds);
    const token = bearerToken(req.header('authorization'));
    const verdict =
      token && runId ? await service.checkToken(runId, token) : 'unauthorized';
    if (verdict === 'unauthorized' || verdict === 'expired') {
      const decision = guard.refused({ runId, ip, reason: verdict });
      if (decision.retryAfterSeconds) {
        throw tooMany(decision.retryAfterSeconds);
      }
      throw new AuthenticationError(
        verdict === 'expired'
          ? 'The callback token of this run has expired'
          : UNKNOWN_RUN_OR_TOKEN,
      );
    }

    // The run's own token: audited as before. No `request` here: the caller holds a run
    // token, not Backstage credentials.
    const event = await auditor.createEvent({
      eventId: 'provisioning-run-callback',
      severityLevel: 'medium',
      meta: {
        runId,
        eventId: String(req.body?.eventId ?? ''),
        step: String(req.body?.step ?? ''),
        status: String(req.body?.status ?? ''),
        ip,
      },
    });
    try {
      const parsed = runEventRequestSchema.safeParse(req.body);
      if (!parsed.success) throw bodyError(parsed.error);
      const result = await service.recordEvent(runId!, token!, parsed.data);
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
