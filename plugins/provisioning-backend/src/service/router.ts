import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, NotFoundError } from '@backstage/errors';
import { withAuditEvent } from '@internal/plugin-portico-node';
import type { TriggerRunResponse } from '@internal/plugin-provisioning-common';
import express from 'express';
import Router from 'express-promise-router';
import type { CallbackGuard } from '../callback/CallbackGuard';
import { bearerToken } from '../tokens/callbackToken';
import {
  TOKEN_EXPIRED,
  TooManyRequestsError,
  UNKNOWN_RUN_OR_TOKEN,
} from './errors';
import type { ProvisioningService } from './ProvisioningService';
import { isRunId, parseRunQuery } from './parseRunQuery';

export interface RouterOptions {
  service: ProvisioningService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  guard: CallbackGuard;
}

/** The path of the workflow's callback (reachable without a Backstage token). */
export const CALLBACK_PATH = '/runs/:id/events';

/** The request body's value of `key`, as text for an audit record (whatever the body is). */
function bodyText(body: unknown, key: string): string {
  return String((body as Record<string, unknown> | undefined)?.[key] ?? '');
}

/**
 * The provisioning API (HTTP only: who may do what is the service's):
 * - `POST /runs` starts a run (users, or the scaffolder for its task's initiator), audited;
 * - `GET /runs`, `GET /runs/:id` list and show runs (everyone signed in);
 * - `POST /runs/:id/events` takes the workflow's reports, authenticated by the run's own token
 *   before anything is written; refusals are counted and rate-limited (429).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, auditor, guard } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post('/runs', async (req, res) => {
    const body: TriggerRunResponse = await withAuditEvent(
      auditor,
      {
        eventId: 'provisioning-run-trigger',
        severityLevel: 'medium',
        request: req,
        meta: {
          template: bodyText(req.body, 'template'),
          entityRef: bodyText(req.body, 'entityRef'),
        },
      },
      async () => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const run = await service.trigger(credentials, req.body);
        const actor = credentials.principal.actor?.subject;
        return {
          result: { runId: run.id, status: 'queued' },
          meta: { runId: run.id, ...(actor ? { actor } : {}) },
        };
      },
    );
    res.status(202).json(body);
  });

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

  router.post(CALLBACK_PATH, async (req, res) => {
    const runId = isRunId(req.params.id)
      ? req.params.id.toLowerCase()
      : undefined;
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const tooMany = (retryAfterSeconds: number) =>
      new TooManyRequestsError(
        'Too many refused provisioning callbacks; try again later',
        retryAfterSeconds,
      );

    // The token first, and nothing written (no audit event, no row) for a caller without a
    // valid one: refusals are only counted (metric, a throttled log line) and rate-limited.
    const admitted = guard.admit(ip);
    if (admitted.retryAfterSeconds) throw tooMany(admitted.retryAfterSeconds);
    const token = bearerToken(req.header('authorization'));
    const verdict =
      token && runId ? await service.checkToken(runId, token) : 'unauthorized';
    if (
      !token ||
      !runId ||
      verdict === 'unauthorized' ||
      verdict === 'expired'
    ) {
      const decision = guard.refused({
        runId,
        ip,
        reason: verdict === 'expired' ? 'expired' : 'unauthorized',
      });
      if (decision.retryAfterSeconds) {
        throw tooMany(decision.retryAfterSeconds);
      }
      throw new AuthenticationError(
        verdict === 'expired' ? TOKEN_EXPIRED : UNKNOWN_RUN_OR_TOKEN,
      );
    }

    // The run's own token: audited. No `request` here: the caller holds a run token, not
    // Backstage credentials.
    const recorded = await withAuditEvent(
      auditor,
      {
        eventId: 'provisioning-run-callback',
        severityLevel: 'medium',
        meta: {
          runId,
          eventId: bodyText(req.body, 'eventId'),
          step: bodyText(req.body, 'step'),
          status: bodyText(req.body, 'status'),
          ip,
        },
      },
      async () => {
        const result = await service.report(runId, token, req.body);
        return { result, meta: { ...result } };
      },
    );
    res.status(201).json(recorded);
  });

  // A refusal over a limit says when to come back.
  router.use(
    (
      error: unknown,
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error instanceof TooManyRequestsError && error.retryAfterSeconds) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      next(error);
    },
  );

  return router;
}
