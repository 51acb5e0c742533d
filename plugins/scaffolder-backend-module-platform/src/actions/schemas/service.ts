/*
 * Input and output schemas of the service actions: portico:service:manifests,
 * portico:service:validate and portico:owner:verify. Handlers re-parse their input with these
 * schemas: the scaffolder only checks the JSON-schema projection, which has no refinements or
 * defaults.
 */
import { z } from 'zod/v3';
import { STORAGE_CREDENTIALS } from '../../manifests/externalSecret';
import {
  dnsLabel,
  entityRef,
  groupRef,
  serviceName,
  singleLineText,
} from '../../validation/fields';
import {
  manifestOutputs,
  portSchema,
  secretDataSchema,
  storageSchema,
  trafficSchema,
} from './shared';

const image = () =>
  z
    .string()
    .max(255)
    .regex(
      /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
      'must be a container image reference such as "registry.local/portico/payments:1.0.0"',
    );

/** portico:service:manifests and portico:service:validate */
export const serviceInput = z
  .object({
    name: serviceName().describe(
      'Service name: DNS-1123 label (lowercase, digits, "-", starts with a letter), at most 40 characters',
    ),
    owner: groupRef().describe(
      'Owning team as a group entity ref ("group:default/team-a") — must be one of your groups',
    ),
    description: singleLineText(200)
      .optional()
      .describe('One-line description'),
    language: z
      .enum(['node', 'go', 'python'])
      .optional()
      .describe('Stack (a label only)'),
    traffic: trafficSchema.default('low'),
    storage: storageSchema.default('none'),
    extraSecrets: z
      .array(secretDataSchema)
      .max(20, 'at most 20 extra secrets')
      .default([])
      .describe(
        'Extra secrets: each becomes an env var from an ExternalSecret',
      ),
    port: portSchema.describe('Container port'),
    healthPath: z
      .string()
      .max(100)
      .regex(
        /^\/[A-Za-z0-9/_.-]*$/,
        'must be an absolute URL path such as "/healthz"',
      )
      .refine(v => !v.split('/').includes('..'), 'must not contain ".."')
      .default('/healthz')
      .describe(
        'HTTP path of the health endpoint (readiness and liveness probes)',
      ),
    image: image()
      .optional()
      .describe(
        'Container image; default: <portico.scaffolder.imageRepository>/<name>:0.1.0',
      ),
    namespace: dnsLabel()
      .optional()
      .describe(
        'Kubernetes namespace; default: the service name. Never a reserved namespace or one another team holds',
      ),
  })
  .strict()
  .superRefine((value, ctx) => {
    // Extra secrets become env vars: no duplicates, none that the platform sets itself.
    const reserved = new Set<string>(['PORT']);
    if (value.storage !== 'none') {
      for (const key of Object.keys(STORAGE_CREDENTIALS[value.storage].keys)) {
        reserved.add(key);
      }
    }
    const seen = new Set<string>();
    (value.extraSecrets ?? []).forEach((secret, index) => {
      if (seen.has(secret.secretKey)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['extraSecrets', index, 'secretKey'],
          message: `"${secret.secretKey}" is listed twice`,
        });
      } else if (reserved.has(secret.secretKey)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['extraSecrets', index, 'secretKey'],
          message: `"${secret.secretKey}" is set by the platform (${
            value.storage === 'none' ? 'port' : `${value.storage} credentials`
          })`,
        });
      }
      seen.add(secret.secretKey);
    });
  });
export type ServiceInput = z.infer<typeof serviceInput>;

export const serviceManifestsOutput = z.object({
  ...manifestOutputs,
  namespace: z.string().describe('Namespace the service runs in'),
  gitopsPath: z
    .string()
    .describe('Directory of the service in the GitOps repository'),
  applicationName: z.string().describe('Name of the Argo CD Application'),
  paths: z.array(z.string()).describe('The keys of files, sorted'),
});

export const serviceValidateOutput = z.object({
  name: z.string(),
  namespace: z.string(),
  owner: z.string().describe('Owner as a full group entity ref'),
  gitopsPath: z.string(),
});

/** portico:owner:verify */
export const ownerVerifyInput = z
  .object({
    owner: groupRef()
      .optional()
      .describe('Group that will own the result; must be one of your groups'),
    entityRef: entityRef()
      .optional()
      .describe('Existing entity: you must be in its owning group'),
    namespace: dnsLabel()
      .optional()
      .describe(
        'Namespace the task will create or act in: refused when reserved (before ownership is looked at) or held by another team',
      ),
  })
  .strict()
  .refine(v => Boolean(v.owner) !== Boolean(v.entityRef), {
    message: 'give exactly one of "owner" or "entityRef"',
    path: ['owner'],
  });
export const ownerVerifyOutput = z.object({
  owner: z.string().describe('The owning group as a full entity ref'),
  viaAdmin: z
    .boolean()
    .describe('true when allowed only because the caller is an admin'),
});
