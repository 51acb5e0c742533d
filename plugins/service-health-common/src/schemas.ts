import { z } from 'zod';

/** At most this many refs in one batch request (a catalog page is 20 to 100 rows). */
export const MAX_BATCH_REFS = 500;

/** POST /batch body: the entity refs of one catalog page. */
export const batchRequestSchema = z
  .object({
    entityRefs: z.array(z.string().min(1).max(700)).min(1).max(MAX_BATCH_REFS),
  })
  .strict();

export type BatchRequest = z.infer<typeof batchRequestSchema>;
