import { inputErrorFromZod } from '@internal/plugin-portico-node';
import {
  RUN_PAGE_SIZE_DEFAULT,
  RUN_PAGE_SIZE_MAX,
  RUN_STATUSES,
  type RunStatus,
} from '@internal/plugin-provisioning-common';
import { z } from 'zod';
import { decodeCursor } from '../database/cursor';
import type { RunFilter, RunPage } from '../database/RunStore';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a run id (anything else is answered like an unknown run). */
export function isRunId(id: string): boolean {
  return UUID.test(id);
}

const querySchema = z
  .object({
    entityRef: z.string().min(1).max(500).optional(),
    owner: z.string().min(1).max(500).optional(),
    status: z.enum(RUN_STATUSES as [RunStatus, ...RunStatus[]]).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(RUN_PAGE_SIZE_MAX)
      .default(RUN_PAGE_SIZE_DEFAULT),
    cursor: z
      .string()
      .max(500)
      .refine(c => {
        try {
          decodeCursor(c);
          return true;
        } catch {
          return false;
        }
      }, 'not a cursor returned by this API')
      .optional(),
  })
  .strict();

/**
 * The filters and page of `GET /runs`; throws InputError naming every bad parameter
 * (`query.limit: ...`, `query: unknown field color`).
 */
export function parseRunQuery(query: unknown): {
  filter: RunFilter;
  page: RunPage;
} {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) {
    throw inputErrorFromZod(parsed.error, { root: 'query' });
  }
  const { entityRef, owner, status, limit, cursor } = parsed.data;
  return {
    filter: {
      entityRef: entityRef?.toLocaleLowerCase('en-US'),
      owner: owner?.toLocaleLowerCase('en-US'),
      status,
    },
    page: { limit, cursor },
  };
}
