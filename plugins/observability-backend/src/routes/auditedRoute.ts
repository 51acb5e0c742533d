import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { httpStatusOf, withAuditEvent } from '@internal/plugin-portico-node';
import type express from 'express';
import { RateLimitedError, type RateLimiter } from '../service/RateLimiter';

/** What a route answers once its read is done (and, for an audited read, recorded). */
export interface Answer {
  send(res: express.Response): void;
  /** Added to the read's audit record (routes whose every read is audited). */
  meta?: JsonObject;
}

/** A JSON answer. */
export const json = (body: unknown, meta?: JsonObject): Answer => ({
  meta,
  send: res => {
    res.json(body);
  },
});

/** One observability route: who may call it, how it is audited, and its read. */
export interface AuditedRoute<P> {
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

/** The wrapper every route is registered through: `audited(route)` is its express handler. */
export type Audited = <P>(
  route: AuditedRoute<P>,
) => (req: express.Request, res: express.Response) => Promise<void>;

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
  const status = httpStatusOf(error);
  return status >= 400 && status < 500 && status !== 401 ? 'medium' : undefined;
}

/** The entity a request is about, as its path names it (for the audit record). */
function entityMeta(params: Record<string, string>): JsonObject {
  return params.kind && params.namespace && params.name
    ? { entityRef: `${params.kind}:${params.namespace}/${params.name}` }
    : {};
}

/**
 * The one wrapper of every route: the caller (users, and services for what everyone may read;
 * `usersOnly` routes accept users only, so the permission policy decides and no service token
 * passes it), its rate limit, the request's validation and the read, each refusal audited, and
 * for `every-read` routes the read itself (`withAuditEvent`).
 */
export function createAudited(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  limiter: RateLimiter;
}): Audited {
  const { httpAuth, auditor, limiter } = options;

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
      meta: { status: httpStatusOf(error) },
    });
  }

  return <P>(route: AuditedRoute<P>) =>
    async (req: express.Request, res: express.Response) => {
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
      let answer: Answer;
      if (route.audit === 'every-read') {
        answer = await withAuditEvent(
          auditor,
          {
            eventId: route.eventId,
            severityLevel: 'medium',
            request: req,
            meta,
          },
          async () => {
            const result = await route.read(parsed, credentials);
            return { result, meta: result.meta };
          },
        );
      } else {
        try {
          answer = await route.read(parsed, credentials);
        } catch (error) {
          await recordRefusal(req, route.eventId, meta, error);
          throw error;
        }
      }
      answer.send(res);
    };
}
