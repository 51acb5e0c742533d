import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LOG_LEVELS,
  SIGNALS,
  type Signal,
} from '@internal/plugin-observability-common';
import { observabilityLogsReadPermission } from '@internal/plugin-portico-permissions-common';
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

/**
 * The observability API. Everyone signed in reads metrics, panels and cost of the entities the
 * catalog lets them see (the entity is read with their credentials), always within the
 * namespaces the entity's owning team holds; logs need a user with the owner-only
 * `observability.logs.read` permission and every logs read is audited. Every route counts
 * against its caller's rate limit.
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

  const window = (query: Record<string, unknown>, stepSeconds?: number) =>
    parseTimeWindow(query, config.limits, {
      nowSeconds: service.nowSeconds(),
      bucketSeconds: config.cache.ttlSeconds,
      stepSeconds,
    });

  /**
   * The caller (users, and services for what everyone may read; `userOnly` routes accept users
   * only, so the permission policy decides and no service token passes it), after its rate limit.
   */
  async function caller(req: express.Request, userOnly = false) {
    const credentials = userOnly
      ? await httpAuth.credentials(req, { allow: ['user'] })
      : await httpAuth.credentials(req, { allow: ['user', 'service'] });
    limiter.take(callerOf(credentials));
    return credentials;
  }

  async function resolve(req: express.Request, userOnly = false) {
    const credentials = await caller(req, userOnly);
    const ref = entityRef(req.params);
    return {
      credentials,
      resolved: await service.resolveEntity(ref, credentials),
    };
  }

  router.get(
    '/entities/:kind/:namespace/:name/metrics/:signal',
    async (req, res) => {
      const signal = req.params.signal as Signal;
      if (!SIGNALS.includes(signal)) {
        throw new InputError(
          `Path parameter signal must be one of ${SIGNALS.join(', ')}`,
        );
      }
      const w = window(req.query);
      const { resolved } = await resolve(req);
      res.json(await service.signal(resolved, signal, w));
    },
  );

  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    const w = window({ range: '1h' }, SUMMARY_STEP_SECONDS);
    const { resolved } = await resolve(req);
    res.json(await service.summary(resolved, w));
  });

  router.get('/entities/:kind/:namespace/:name/logs', async (req, res) => {
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
    const w = window(req.query);
    const event = await auditor.createEvent({
      eventId: 'observability-logs-read',
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
        level: parsed.data.level ?? null,
        textFilter: Boolean(parsed.data.query),
        start: w.start,
        end: w.end,
      },
    });
    try {
      const credentials = await caller(req, true);
      const read = await service.readEntity(entityRef(req.params), credentials);
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
      const resolved = await service.scope(read);
      const logs = await service.logs(
        resolved,
        { text: parsed.data.query || undefined, level: parsed.data.level },
        w,
        limit,
      );
      await event.success({ meta: { lines: logs.lines.length } });
      res.json(logs);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/entities/:kind/:namespace/:name/grafana', async (req, res) => {
    const w = window(req.query);
    const { resolved } = await resolve(req);
    res.json(service.grafanaPanels(resolved, w, timeQuery(w.preset)));
  });

  router.get(
    '/entities/:kind/:namespace/:name/grafana/panels/:panelId/render',
    async (req, res) => {
      if (!/^\d{1,9}$/.test(req.params.panelId)) {
        throw new InputError('Path parameter panelId must be a number');
      }
      const parsed = renderQuery.safeParse(req.query);
      if (!parsed.success) {
        throw new InputError(firstProblem(parsed.error));
      }
      const width = snapUp(Number(parsed.data.width ?? 600), PANEL_WIDTHS);
      const height = snapUp(Number(parsed.data.height ?? 260), PANEL_HEIGHTS);
      const { width: _w, height: _h, ...timeParams } = req.query;
      const w = window(timeParams);
      // the panel is rendered with the platform's Grafana token: users only
      const { resolved } = await resolve(req, true);
      const image = await service.renderPanel(
        resolved,
        Number(req.params.panelId),
        w,
        { width, height },
      );
      res.setHeader('Content-Type', image.contentType);
      res.setHeader(
        'Cache-Control',
        `private, max-age=${Math.round(config.cache.ttlSeconds)}`,
      );
      res.send(image.body);
    },
  );

  router.get('/entities/:kind/:namespace/:name/cost', async (req, res) => {
    const { resolved } = await resolve(req);
    res.json(await service.cost(resolved));
  });

  router.get('/cost/teams', async (req, res) => {
    const credentials = await caller(req);
    res.json(await service.teamCosts(credentials));
  });

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
