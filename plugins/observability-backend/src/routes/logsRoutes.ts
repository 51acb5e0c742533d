import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { LOG_LEVELS } from '@internal/plugin-observability-common';
import { inputErrorFromZod } from '@internal/plugin-portico-node';
import { observabilityLogsReadPermission } from '@internal/plugin-portico-permissions-common';
import { z } from 'zod';
import { FORBIDDEN_CHARACTERS } from '../query/labels';
import { json } from './auditedRoute';
import { ENTITY_PATH, entityRef, type RouteContext } from './requestParts';

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

/**
 * An entity's log lines: users with the owner-only `observability.logs.read` permission on the
 * entity, every read audited.
 */
export function registerLogsRoutes(
  context: RouteContext & { permissions: PermissionsService },
): void {
  const { router, audited, services, config, windows, permissions } = context;
  const { scopes, logs } = services;

  async function authorize(ref: string, credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: observabilityLogsReadPermission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only the owners of ${ref} may read its logs (${observabilityLogsReadPermission.name})`,
      );
    }
  }

  router.get(
    `${ENTITY_PATH}/logs`,
    audited({
      eventId: 'observability-logs-read',
      usersOnly: true,
      audit: 'every-read',
      parse: req => {
        const ref = entityRef(req.params);
        const parsed = logsQuery.safeParse(req.query);
        if (!parsed.success) {
          throw inputErrorFromZod(parsed.error, {
            prefix: 'Query parameters',
          });
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
          w: windows.logs(req.query),
        };
      },
      meta: ({ filter, w }) => ({
        level: filter.level ?? null,
        textFilter: Boolean(filter.text),
        start: w.start,
        end: w.end,
      }),
      read: async ({ ref, limit, filter, w }, credentials) => {
        const read = await scopes.readEntity(ref, credentials);
        await authorize(read.ref, credentials);
        const answer = await logs.logs(
          await scopes.scope(read),
          filter,
          w,
          limit,
        );
        return json(answer, { lines: answer.lines.length });
      },
    }),
  );
}
