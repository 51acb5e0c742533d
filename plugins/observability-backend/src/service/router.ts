import type {
  AuditorService,
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

export interface RouterOptions {
  service: ObservabilityService;
  config: ObservabilityConfig;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

const ENTITY_PART = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,252}$/;
/** Points of the overview card's sparklines over its hour. */
const SUMMARY_POINTS = 60;

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

/** The time parameters of a request, passed on to the image URLs of Grafana panels. */
function timeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const key of ['range', 'start', 'end', 'step']) {
    if (typeof query[key] === 'string') params.set(key, query[key] as string);
  }
  return params.toString();
}

/**
 * The observability API. Everyone signed in reads metrics, panels and cost of the entities the
 * catalog lets them see (the entity is read with their credentials); logs need the owner-only
 * `observability.logs.read` permission and every logs read is audited.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, config, httpAuth, permissions, auditor } = options;
  const router = Router();

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'private, no-store');
    next();
  });

  const window = (query: Record<string, unknown>, points?: number) =>
    parseTimeWindow(query, config.limits, {
      nowSeconds: service.nowSeconds(),
      bucketSeconds: config.cache.ttlSeconds,
      points,
    });

  async function resolve(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
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
    const w = window({ range: '1h' }, SUMMARY_POINTS);
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
      const { credentials, resolved } = await resolve(req);
      const [decision] = await permissions.authorize(
        [
          {
            permission: observabilityLogsReadPermission,
            resourceRef: resolved.ref,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Only the owners of ${resolved.ref} may read its logs (${observabilityLogsReadPermission.name})`,
        );
      }
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
    res.json(service.grafanaPanels(resolved, w, timeQuery(req.query)));
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
      const width = Math.min(
        2000,
        Math.max(100, Number(parsed.data.width ?? 600)),
      );
      const height = Math.min(
        2000,
        Math.max(100, Number(parsed.data.height ?? 300)),
      );
      const { width: _w, height: _h, ...timeParams } = req.query;
      const w = window(timeParams);
      const { resolved } = await resolve(req);
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
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.teamCosts(credentials));
  });

  // Upstream failures: 502/504 with a message that names the upstream, never the query.
  router.use(
    (
      error: Error,
      req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (!(error instanceof UpstreamError) || res.headersSent) {
        next(error);
        return;
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
