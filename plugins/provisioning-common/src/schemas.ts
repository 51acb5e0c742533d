import { z } from 'zod';

/** Keys whose values are credentials (same idea as the audit redactor). */
const SECRET_KEY =
  /(pass(word|wd)?|secret|token|api[-_]?key|private[-_]?key|credential|authorization|cookie)$/i;

/** The dotted path of the first key in `value` that names a secret, if any. */
export function findSecretLikeKey(
  value: unknown,
  path: string[] = [],
): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findSecretLikeKey(item, [...path, String(i)]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) return [...path, key].join('.');
      const found = findSecretLikeKey(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

const ENTITY_REF = /^[a-z0-9][a-z0-9_.-]*:[a-zA-Z0-9_.-]+\/[a-zA-Z0-9_.-]+$/i;

/** Largest run parameters, serialized as JSON: runs are plain inputs, not payloads. */
export const RUN_PARAMETERS_MAX_BYTES = 16 * 1024;

/** Body of `POST /runs`: what to provision, for which entity. */
export const triggerRunRequestSchema = z
  .object({
    template: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/, 'letters, digits, _ . : -'),
    entityRef: z
      .string()
      .regex(ENTITY_REF, 'a full entity ref such as component:default/name'),
    /**
     * Plain inputs of the workflow. They are stored with the run and shown on the page, so they
     * must not hold secrets: keys that name one (password, token, secret, apiKey, ...) are
     * refused; pass the name of an ExternalSecret / Secret instead.
     */
    parameters: z
      .record(z.string(), z.unknown())
      .default({})
      .superRefine((value, ctx) => {
        if (
          new TextEncoder().encode(JSON.stringify(value)).length >
          RUN_PARAMETERS_MAX_BYTES
        ) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `larger than ${RUN_PARAMETERS_MAX_BYTES} bytes as JSON`,
          });
          return;
        }
        const found = findSecretLikeKey(value);
        if (found) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: found.split('.'),
            message:
              'looks like a secret; parameters are stored and shown, pass a reference to a Secret instead',
          });
        }
      }),
  })
  .strict();

export type TriggerRunRequest = z.input<typeof triggerRunRequestSchema>;

/** Answer of `POST /runs`. */
export interface TriggerRunResponse {
  runId: string;
  status: 'queued';
}

/** A resource link reported by a step; only http(s) URLs. */
export const runResourceSchema = z
  .object({
    title: z.string().min(1).max(200),
    url: z
      .string()
      .max(2000)
      .url()
      .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
  })
  .strict();

/** Body of `POST /runs/:id/events`, sent by the workflow with the run's token. */
export const runEventRequestSchema = z
  .object({
    eventId: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[a-zA-Z0-9_.:-]+$/, 'letters, digits, _ . : -'),
    step: z.string().min(1).max(200),
    status: z.enum(['running', 'succeeded', 'failed']),
    message: z.string().max(4000).optional(),
    resources: z.array(runResourceSchema).max(50).default([]),
    /** The run ends with this report (the whole workflow succeeded or failed). */
    final: z.boolean().default(false),
  })
  .strict();

export type RunEventRequest = z.input<typeof runEventRequestSchema>;

/** Name prefix of the Secret holding a run's callback token (`portico-run-<runId>`). */
export const CALLBACK_TOKEN_SECRET_PREFIX = 'portico-run-';
/** Key of the callback token in that Secret. */
export const CALLBACK_TOKEN_SECRET_KEY = 'token';

/** The Secret the portal wrote a run's callback token to (in the workflows' namespace). */
export function callbackTokenSecretName(runId: string): string {
  return `${CALLBACK_TOKEN_SECRET_PREFIX}${runId}`;
}

/** Where the workflow finds its callback token: a key of a Kubernetes Secret. */
export interface CallbackTokenSecretRef {
  namespace: string;
  name: string;
  key: string;
}

/**
 * The JSON body the portal POSTs to the Argo Events webhook EventSource for each run. The Sensor
 * maps these fields into the Workflow's arguments.
 */
export interface WebhookRunPayload {
  runId: string;
  template: string;
  entityRef: string;
  /** The entity's owner (a group entity ref) when the run was created. */
  owner?: string;
  /** The owning team's name (the `portico.io/team` label value), when the owner is a team. */
  team?: string;
  user: string;
  parameters: Record<string, unknown>;
  /** Where the workflow reports progress: `POST` with `Authorization: Bearer <token>`. */
  callbackUrl: string;
  /**
   * The Secret holding the run's token (only its hash is stored by the portal), written by the
   * portal before this delivery and replaced on every new attempt. The workflow mounts it as an
   * environment variable of its report step; the token itself never travels through Argo Events.
   */
  callbackTokenSecret?: CallbackTokenSecretRef;
  /**
   * The token itself, only with `provisioning.callback.tokenDelivery: payload` (local development
   * with the webhook harness, where no cluster holds a Secret). Never in production.
   */
  callbackToken?: string;
  /** When the callback token stops being accepted (ISO 8601). */
  callbackTokenExpiresAt: string;
}
