import type { Request } from 'express';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { inputErrorFromZod } from '@internal/plugin-portico-node';
import { z } from 'zod';

const NAME = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, '.', '_' or '-'");

/** `:kind/:namespace/:name` of an entity route. */
export const entityParamsSchema = z.object({
  kind: NAME,
  namespace: NAME,
  name: NAME,
});

/** The entity ref of `/entities/:kind/:namespace/:name/...`; 400 naming the bad parameter. */
export function entityRefOfRequest(req: Request): string {
  const params = entityParamsSchema.safeParse(req.params);
  if (!params.success) {
    throw inputErrorFromZod(params.error, {
      prefix: 'Invalid request',
      root: 'params',
    });
  }
  return stringifyEntityRef(params.data);
}
