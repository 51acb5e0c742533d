import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LOG_LEVELS,
  SIGNALS,
  type Signal,
} from '@internal/plugin-observability-common';
import { observabilityLogsReadPermission } from '@internal/plugin-portico-permissions-common';
import type { JsonObject } from '@backstage/types';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ObservabilityConfig } from '../config/ObservabilityConfig';
import { FORBIDDEN_CHARACTERS } from '../query/labels';
import { UpstreamError } from '../upstream/UpstreamError';
import type { ObservabilityService } from './ObservabilityService';
import { parseTimeWindow } from './parseTimeWindow';
import { RateLimitedError, RateLimiter } from './RateLimiter';

export interface RouterOptions {
  service: ObservabilityService;
  config: ObservabilityConfig;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

const ENTITY_PART = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,252}$/;
/** Step of the overview card's sparklines over its hour (60 points). */
const SUMMARY_STEP_SECONDS = 60;
/** Rendered panel sizes: a request's width and height are rounded up to one of these. */
export const PANEL_WIDTHS = [300, 600, 900, 1200, 1800];
export const PANEL_HEIGHTS = [150, 260, 300, 450, 600, 900];

function snapUp(value: number, sizes: readonly number[]): number {
  return sizes.find(size => size >= value) ?? sizes[sizes.length - 1];
}

/** Whom a rate limit counts: the user entity ref, or the service subject. */
function callerOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return `${principal.type ?? 'unknown'}:${principal.subject ?? 'unknown'}`;
}

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `Query parameter ${issue.path.join('.') || '?'}: ${issue.message}`;
}

const logsQuery = z
  .object({
    query: z
      .string()
      .max(200)
      .refine(
        text => !FORBIDDEN_CHARACTERS.test(text),
        'must not contain control characters',
      )
      .optional(),
    level: z.enum(LOG_LEVELS).optional(),
    limit: z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number')
      .optional(),
  })
  .passthrough();

const renderQuery = z
  .object({
    width: z
      .string()
      .regex(/^\d{2,4}$/, 'must be 10-9999')
      .optional(),
    height: z
      .string()
      .regex(/^\d{2,4}$/, 'must be 10-9999')
      .optional(),
  })
  .passthrough();

function entityRef(params: Record<string, string>): CompoundEntityRef {
  for (const field of ['kind', 'namespace', 'name']) {
    if (!ENTITY_PART.test(params[field] ?? '')) {
      throw new InputError(
        `Path parameter ${field} is not a valid entity ${field}`,
      );
    }
  }
  return {
    kind: params.kind,
    namespace: params.namespace,
    name: params.name,
  };
}

/** The time parameter of a request, passed on to the image URLs of Grafana panels. */
function timeQuery(preset: string): string {
  return new URLSearchParams({ range: preset }).toString();
}

/** What a route answers once its read is done (and, for an audited read, recorded). */
interface Answer {
  send(res: express.Response): void;
  /** Added to the read's audit record (routes whose every read is audited). */
  meta?: JsonObject;
}

const json = (body: unknown, meta?: JsonObject): Answer => ({
  meta,
  send: res => {
    res.json(body);
  },
});

/** One observability route: who may call it, how it is audited, and its read. */
interface AuditedRoute<P> {
  /** The audit event's id. */
  eventId: string;
  /** Users only (the permission policy, or the platform's Grafana token, is at stake). */
  usersOnly?: boolean;
  /**
   * `every-read`: each read of an authenticated caller is recorded (initiated before it is
   * done, then succeeded or failed) at medium severity; `refusals`: only refusals are.
   */
  audit: 'every-read' | 'refusals';
  /** Validates the request (400s are refusals, recorded). */
  parse(req: express.Request): P;
  /** What the audit record says of the request, besides the entity. */
  meta?(parsed: P): JsonObject;
  read(parsed: P, credentials: BackstageCredentials): Promise<Answer>;
}

/** The HTTP status an error is answered with (as the backend's error handler decides it). */
function statusOf(error: unknown): number {
  const code = (error as { statusCode?: unknown }).statusCode;
  if (typeof code === 'number') return code;
  switch ((error as { name?: unknown }).name) {
    case InputError.name:
      return 400;
    case AuthenticationError.name:
      return 401;
    case NotAllowedError.name:
      return 403;
    case NotFoundError.name:
      return 404;
    default:
      return 500;
  }
}

/**
 * How a refusal is recorded: 400/403/404 of a known caller (scoping, permission, principal,
 * input) at medium severity, so the record is stored before the refusal is answered (a caller's
 * refusals are bounded by its rate limit, taken first); a 429 at low severity, only the caller's
 * first in a minute (a flood writes one droppable record a minute per caller); a 401 never (there
 * is no caller to attribute it to, and unauthenticated traffic must not write). Undefined: not
 * recorded (the rest of a flood, a 401, or no refusal at all but an upstream failure).
 */
function refusalSeverity(error: unknown): 'low' | 'medium' | undefined {
  if (error instanceof RateLimitedError) {
    return error.firstRefusal ? 'low' : undefined;
  }
  const status = statusOf(error);
  return status >= 400 && status < 500 && status !== 401 ? 'medium' : undefined;
}

/** The entity a request is about, as its path names it (for the audit record). */
function entityMeta(params: Record<string, string>): JsonObject {
  return params.kind && params.namespace && params.name
    ? { entityRef: `${params.kind}:${params.namespace}/${params.name}` }
    : {};
}

/**
 * The observability API. Everyone signed in reads metrics, panels and cost of the entities the
 * catalog lets them see (the entity is read with their credentials), always within the
 * namespaces the entity's owning team holds; logs need a user with the owner-only
 * `observability.logs.read` permission and every logs read is audited. Every route counts
 * against its caller's rate limit, and every refusal of a known caller is audited (one wrapper,
 * {@link AuditedRoute}): successful reads of metrics, summary, cost and panels are not (anyone
 * signed in may read them; recording each would only bury the records that matter).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, config, httpAuth, permissions, auditor } = options;
  const router = Router();

  const limiter = new RateLimiter(config.rateLimit);

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'private, no-store');
    next();
  });

  /** A chart's window (metrics, summary, Grafana panels): its end is floored to the step. */
  const window = (query: Record<string, unknown>, stepSeconds?: number) =>
    parseTimeWindow(query, config.limits, {
      nowSeconds: service.nowSeconds(),
      stepSeconds,
    });
  /** The logs' window: lines have no step, so the end moves on every cache TTL. */
  const logsWindow = (query: Record<string, unknown>) =>
    parseTimeWindow(query, config.limits, {
      nowSeconds: service.nowSeconds(),
      endBucketSeconds: config.cache.ttlSeconds,
    });

  /** Records a refusal (see {@link refusalSeverity}); the refusal is then answered as it is. */
  async function recordRefusal(
    req: express.Request,
    eventId: string,
    meta: JsonObject,
    error: unknown,
  ) {
    const severity = refusalSeverity(error);
    if (!severity) return;
    const event = await auditor.createEvent({
      eventId,
      severityLevel: severity,
      request: req,
      meta,
    });
    await event.fail({
      error: error as Error,
      meta: { status: statusOf(error) },
    });
  }

  /**
   * The one wrapper of every route: the caller (users, and services for what everyone may read;
   * `usersOnly` routes accept users only, so the permission policy decides and no service token
   * passes it), its rate limit, the request's validation and the read, each refusal audited.
   */
  function audited<P>(route: AuditedRoute<P>) {
    return async (req: express.Request, res: express.Response) => {
      let meta = entityMeta(req.params);
      let credentials: BackstageCredentials;
      let parsed: P;
      try {
        credentials = await httpAuth.credentials(req, {
          allow: route.usersOnly ? ['user'] : ['user', 'service'],
        });
        limiter.take(callerOf(credentials));
        parsed = route.parse(req);
        meta = { ...meta, ...route.meta?.(parsed) };
      } catch (error) {
        await recordRefusal(req, route.eventId, meta, error);
        throw error;
      }
      const event =
        route.audit === 'every-read'
          ? await auditor.createEvent({
              eventId: route.eventId,
              severityLevel: 'medium',
              request: req,
              meta,
            })
          : undefined;
      let answer: Answer;
      try {
        answer = await route.read(parsed, credentials);
      } catch (error) {
        if (event) {
          await event.fail({
            error: error as Error,
            meta: { status: statusOf(error) },
          });
        } else {
          await recordRefusal(req, route.eventId, meta, error);
        }
        throw error;
      }
      await event?.success({ meta: answer.meta });
      answer.send(res);
    };
  }

  router.get(
    '/entities/:kind/:namespace/:name/metrics/:signal',
    audited({
      eventId: 'observability-metrics-read',
      audit: 'refusals',
      parse: req => {
        const signal = req.params.signal as Signal;
        if (!SIGNALS.includes(signal)) {
          throw new InputError(
            `Path parameter signal must be one of ${SIGNALS.join(', ')}`,
          );
        }
        return { ref: entityRef(req.params), signal, w: window(req.query) };
      },
      meta: ({ signal }) => ({ signal }),
      read: async ({ ref, signal, w }, credentials) =>
        json(
          await service.signal(
            await service.resolveEntity(ref, credentials),
            signal,
            w,
          ),
        ),
    }),
  );

  router.get(
    '/entities/:kind/:namespace/:name/summary',
    audited({
      eventId: 'observability-summary-read',
      audit: 'refusals',
      parse: req => ({
        ref: entityRef(req.params),
        w: window({ range: '1h' }, SUMMARY_STEP_SECONDS),
      }),
      read: async ({ ref, w }, credentials) =>
        json(
          await service.summary(
            await service.resolveEntity(ref, credentials),
            w,
          ),
        ),
    }),
  );

  router.get(
    '/entities/:kind/:namespace/:name/logs',
    audited({
      eventId: 'observability-logs-read',
      usersOnly: true,
      audit: 'every-read',
      parse: req => {
        const ref = entityRef(req.params);
        const parsed = logsQuery.safeParse(req.query);
        if (!parsed.success) {
          throw new InputError(firstProblem(parsed.error));
        }
        const limit = Number(parsed.data.limit ?? 200);
        if (limit < 1 || limit > config.limits.maxLogLines) {
          throw new InputError(
            `Query parameter limit must be between 1 and ${config.limits.maxLogLines} (observability.limits.maxLogLines)`,
          );
        }
        return {
          ref,
          limit,
          filter: {
            text: parsed.data.query || undefined,
            level: parsed.data.level,
          },
          w: logsWindow(req.query),
        };
      },
      meta: ({ filter, w }) => ({
        level: filter.level ?? null,
        textFilter: Boolean(filter.text),
        start: w.start,
        end: w.end,
      }),
      read: async ({ ref, limit, filter, w }, credentials) => {
        const read = await service.readEntity(ref, credentials);
        const [decision] = await permissions.authorize(
          [
            {
              permission: observabilityLogsReadPermission,
              resourceRef: read.ref,
            },
          ],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `Only the owners of ${read.ref} may read its logs (${observabilityLogsReadPermission.name})`,
          );
        }
        const logs = await service.logs(
          await service.scope(read),
          filter,
          w,
          limit,
        );
        return json(logs, { lines: logs.lines.length });
      },
    }),
  );

  router.get(
    '/entities/:kind/:namespace/:name/grafana',
    audited({
      eventId: 'observability-grafana-panels-read',
      audit: 'refusals',
      parse: req => ({ ref: entityRef(req.params), w: window(req.query) }),
      read: async ({ ref, w }, credentials) =>
        json(
          service.grafanaPanels(
            await service.resolveEntity(ref, credentials),
            w,
            timeQuery(w.preset),
          ),
        ),
    }),
  );

  router.get(
    '/entities/:kind/:namespace/:name/grafana/panels/:panelId/render',
    audited({
      eventId: 'observability-grafana-panel-render',
      // the panel is rendered with the platform's Grafana token: users only
      usersOnly: true,
      audit: 'refusals',
      parse: req => {
        const ref = entityRef(req.params);
        if (!/^\d{1,9}$/.test(req.params.panelId)) {
          throw new InputError('Path parameter panelId must be a number');
        }
        const parsed = renderQuery.safeParse(req.query);
        if (!parsed.success) {
          throw new InputError(firstProblem(parsed.error));
        }
        const { width: _w, height: _h, ...timeParams } = req.query;
        return {
          ref,
          panelId: Number(req.params.panelId),
          size: {
            width: snapUp(Number(parsed.data.width ?? 600), PANEL_WIDTHS),
            height: snapUp(Number(parsed.data.height ?? 260), PANEL_HEIGHTS),
          },
          w: window(timeParams),
        };
      },
      meta: ({ panelId }) => ({ panelId }),
      read: async ({ ref, panelId, size, w }, credentials) => {
        const image = await service.renderPanel(
          await service.resolveEntity(ref, credentials),
          panelId,
          w,
          size,
        );
        return {
          send: res => {
            res.setHeader('Content-Type', image.contentType);
            res.setHeader(
              'Cache-Control',
              `private, max-age=${Math.round(config.cache.ttlSeconds)}`,
            );
            res.send(image.body);
          },
        };
      },
    }),
  );

  router.get(
    '/entities/:kind/:namespace/:name/cost',
    audited({
      eventId: 'observability-cost-read',
      audit: 'refusals',
      parse: req => entityRef(req.params),
      read: async (ref, credentials) =>
        json(await service.cost(await service.resolveEntity(ref, credentials))),
    }),
  );

  router.get(
    '/cost/teams',
    audited({
      eventId: 'observability-team-cost-read',
      audit: 'refusals',
      parse: () => undefined,
      read: async (_none, credentials) =>
        json(await service.teamCosts(credentials)),
    }),
  );

  // Upstream failures: 502/504 with a message that names the upstream, never the query; a
  // caller over its budget: 429 with Retry-After.
  router.use(
    (
      error: Error,
      req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (
        !(
          error instanceof UpstreamError || error instanceof RateLimitedError
        ) ||
        res.headersSent
      ) {
        next(error);
        return;
      }
      if (error instanceof RateLimitedError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      res.status(error.statusCode).json({
        error: { name: error.name, message: error.message },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: error.statusCode },
      });
    },
  );

  return router;
}
