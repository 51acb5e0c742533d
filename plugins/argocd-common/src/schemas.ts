import { z } from 'zod';
import { MAX_STATUS_ENTITY_REFS } from './limits';

/** Body of `POST /api/argocd/status`. */
export const statusRequestSchema = z.object({
  entityRefs: z
    .array(z.string().min(1).max(512))
    .min(1)
    .max(MAX_STATUS_ENTITY_REFS),
});

/** Body of `POST /api/argocd/status`: the entity refs of one page. */
export type StatusRequest = z.infer<typeof statusRequestSchema>;

/** Instance and application names: DNS-1123-ish, never path characters. */
export const argoNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$/,
    'must be a name without path characters',
  );

/**
 * Body of `POST /api/argocd/entities/:kind/:namespace/:name/applications/:instance/:app/{sync,refresh}`
 * (may be empty). The application is named in the path; the body only says which namespace its
 * Application object is in, when the same name exists in several (apps-in-any-namespace).
 */
export const applicationActionRequestSchema = z
  .object({
    appNamespace: argoNameSchema.optional(),
  })
  .strict();

/** Body of a sync or refresh (may be empty): the Application object's namespace, when ambiguous. */
export type ApplicationActionRequest = z.infer<
  typeof applicationActionRequestSchema
>;
