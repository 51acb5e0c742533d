import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { AUDIT_CSV_ROWS_MAX } from '@internal/plugin-audit-common';
import { auditLogReadPermission } from '@internal/plugin-portico-permissions-common';
import express from 'express';
import Router from 'express-promise-router';
import type { AuditService } from './AuditService';
import { csvHeader, csvLine } from './auditEventsCsv';
import { parseAuditFilter, parseEventId, parsePage } from './parseAuditQuery';

export interface RouterOptions {
  service: AuditService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

/** Bytes of CSV collected before each write to the response. */
const CSV_CHUNK = 64 * 1024;

/** Writes `chunk`, waiting while the client is slow; `false` once the client has gone. */
function write(res: express.Response, chunk: string): Promise<boolean> {
  if (res.destroyed) {
    return Promise.resolve(false);
  }
  if (res.write(chunk)) {
    return Promise.resolve(true);
  }
  return new Promise(resolve => {
    const listeners = {
      drain: () => settle(true),
      close: () => settle(false),
    };
    function settle(ok: boolean) {
      res.off('drain', listeners.drain);
      res.off('close', listeners.close);
      resolve(ok);
    }
    res.once('drain', listeners.drain);
    res.once('close', listeners.close);
  });
}

/**
 * The audit API. Every route is for signed-in users with the `audit.log.read` permission (403
 * for a service principal or without the permission; 401 without credentials, from the
 * framework), checks its parameters (400 naming the bad one), and is itself audited as an
 * `audit-log-read` event.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, auditor } = options;
  const router = Router();

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  /**
   * The caller's credentials, when they are a user's. The audit log is for people (admins and
   * auditors): the permission policy is never asked about a service principal, so any service
   * token (a static key, any plugin's own token) would pass the permission check.
   */
  async function userCredentials(req: express.Request) {
    try {
      return await httpAuth.credentials(req, { allow: ['user'] });
    } catch (error) {
      if ((error as Error)?.name !== 'NotAllowedError') {
        throw error;
      }
      throw new NotAllowedError(
        `${req.method} ${req.baseUrl}${req.path}: the audit log is read by signed-in users only (admins and auditors); the caller is a service principal`,
      );
    }
  }

  /** Runs `work` as one audited, authorized read of the audit log. */
  async function auditedRead<T>(
    req: express.Request,
    details: {
      queryType: string;
      severityLevel?: AuditorServiceEventSeverityLevel;
      meta?: JsonObject;
    },
    work: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId: 'audit-log-read',
      severityLevel: details.severityLevel ?? 'low',
      request: req,
      meta: { queryType: details.queryType, ...details.meta },
    });
    try {
      const credentials = await userCredentials(req);
      const [decision] = await permissions.authorize(
        [{ permission: auditLogReadPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Reading the audit log needs the ${auditLogReadPermission.name} permission`,
        );
      }
      const result = await work();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/events', async (req, res) => {
    const query = req.query as JsonObject;
    const page = await auditedRead(
      req,
      { queryType: 'list', meta: { query } },
      () =>
        service.listEvents(
          parseAuditFilter(query, ['cursor', 'limit']),
          parsePage(query),
        ),
    );
    res.json(page);
  });

  router.get('/events.csv', async (req, res) => {
    const query = req.query as JsonObject;
    await auditedRead(
      req,
      { queryType: 'export-csv', severityLevel: 'medium', meta: { query } },
      async () => {
        const filter = parseAuditFilter(query);
        res.status(200);
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="audit-events-${new Date()
            .toISOString()
            .replace(/[:.]/g, '-')}.csv"`,
        );
        res.setHeader('X-Audit-Row-Limit', String(AUDIT_CSV_ROWS_MAX));
        let chunk = csvHeader();
        for await (const event of service.exportEvents(filter, {
          maxRows: AUDIT_CSV_ROWS_MAX,
        })) {
          chunk += csvLine(event);
          if (chunk.length >= CSV_CHUNK) {
            if (!(await write(res, chunk))) {
              return;
            }
            chunk = '';
          }
        }
        if (await write(res, chunk)) {
          res.end();
        }
      },
    );
  });

  router.get('/events/:id', async (req, res) => {
    const event = await auditedRead(
      req,
      { queryType: 'get', meta: { id: req.params.id } },
      async () => {
        const id = parseEventId(req.params.id, 'id');
        const found = await service.getEvent(id);
        if (!found) {
          throw new NotFoundError(`No audit event ${id}`);
        }
        return found;
      },
    );
    res.json(event);
  });

  router.get('/verify', async (req, res) => {
    const result = await auditedRead(
      req,
      { queryType: 'verify', severityLevel: 'medium' },
      () => service.verifyChain(),
    );
    res.json(result);
  });

  router.get('/status', async (req, res) => {
    const status = await auditedRead(req, { queryType: 'status' }, () =>
      service.getWriterStatus(),
    );
    res.json(status);
  });

  return router;
}
