/*
 * Input and output schemas of every Portico action, in one place so templates, docs
 * (ACTIONS.md) and handlers agree. Handlers re-parse their input with these schemas:
 * the scaffolder only checks the JSON-schema projection, which has no refinements or defaults.
 */
import { z } from 'zod/v3';
import { STORAGE_CREDENTIALS } from '../manifests/externalSecret';
import {
  dnsLabel,
  dnsSubdomain,
  duration,
  entityRef,
  groupRef,
  repoPath,
  repoUrl,
  serviceName,
  singleLineText,
} from '../validation/fields';
import {
  manifestOutputs,
  secretDataSchema,
  storageSchema,
  trafficSchema,
} from './sharedSchemas';

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
    port: z
      .number()
      .int()
      .min(1024)
      .max(65535)
      .default(8080)
      .describe('Container port'),
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
        'Container image; default: <portico.scaffolder.imageRepository>/<name>:latest',
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

/** portico:namespace:create */
export const namespaceInput = z
  .object({
    name: dnsLabel().describe('Namespace name'),
    owner: groupRef().describe('Owning team; its group gets the RoleBinding'),
    service: serviceName()
      .optional()
      .describe(
        'Service directory in the GitOps repository; default: the namespace name',
      ),
    traffic: trafficSchema.default('low'),
    port: z
      .number()
      .int()
      .min(1024)
      .max(65535)
      .default(8080)
      .describe('Port the ingress controller may reach'),
  })
  .strict();
export type NamespaceInput = z.infer<typeof namespaceInput>;

/** portico:argocd:application */
export const argocdApplicationInput = z
  .object({
    name: serviceName().describe('Application (and service) name'),
    owner: groupRef().describe('Owning team (label on the Application)'),
    namespace: dnsLabel()
      .optional()
      .describe(
        "Destination namespace (one of the service's namespaces); default: name",
      ),
  })
  .strict();
export type ArgocdApplicationInput = z.infer<typeof argocdApplicationInput>;

/** portico:external-secret:create */
export const externalSecretInput = z
  .object({
    name: dnsSubdomain().describe('ExternalSecret name'),
    namespace: dnsLabel().describe('Namespace of the ExternalSecret'),
    service: serviceName()
      .optional()
      .describe(
        'Service directory in the GitOps repository; default: the namespace',
      ),
    owner: groupRef().describe(
      'Owning team: its name is part of every key (<remoteKeyPrefix>/<team>/<service>/)',
    ),
    targetName: dnsSubdomain()
      .optional()
      .describe('Name of the Kubernetes Secret to create; default: name'),
    refreshInterval: duration()
      .default('1h')
      .describe('How often ESO re-reads the store'),
    data: z
      .array(secretDataSchema)
      .min(1, 'at least one entry')
      .max(50, 'at most 50 entries')
      .describe('Secret keys and where each comes from in the store'),
  })
  .strict();
export type ExternalSecretInput = z.infer<typeof externalSecretInput>;
export const externalSecretOutput = z.object({
  ...manifestOutputs,
  storeChecked: z
    .boolean()
    .describe('true when the store was found in the configured cluster'),
});

const filesRecord = z
  .record(z.string().max(1_000_000))
  .superRefine((files, ctx) => {
    const paths = Object.keys(files);
    if (paths.length === 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must contain at least one file',
      });
    }
    if (paths.length > 200) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'at most 200 files',
      });
    }
    for (const path of paths) {
      const result = repoPath().safeParse(path);
      if (!result.success) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [path],
          message: `path "${path}" ${result.error.issues[0].message}`,
        });
      }
    }
  });

/** portico:gitops:commit */
export const gitopsCommitInput = z
  .object({
    service: serviceName().describe(
      'Service the files belong to (its directory)',
    ),
    owner: groupRef().describe(
      'Owning team: files of another team are never overwritten',
    ),
    files: filesRecord.describe(
      'Path → content; paths must be under <basePath>/<service>/ or be <applicationsPath>/<service>.yaml',
    ),
    message: singleLineText(200).optional().describe('Commit subject'),
    alreadyCreated: z
      .array(singleLineText(300))
      .max(10)
      .optional()
      .describe(
        'What earlier steps of this task created (e.g. the source repository URL): named, with clean-up advice, if this commit fails',
      ),
  })
  .strict();
export type GitopsCommitInput = z.infer<typeof gitopsCommitInput>;
export const gitopsCommitOutput = z.object({
  commitHash: z
    .string()
    .describe('The commit (the existing head when nothing changed)'),
  changed: z
    .boolean()
    .describe('false when the repository already had this content'),
  paths: z.array(z.string()).describe('Files written'),
  repoUrl: z.string().describe('GitOps repository URL'),
  commitUrl: z
    .string()
    .optional()
    .describe('Browser link to the commit, when known'),
});

/** portico:git:token */
export const gitTokenInput = z
  .object({
    repoUrl: repoUrl().describe(
      'The one repository the token may touch: "host?owner=org&repo=name"',
    ),
    permission: z
      .enum(['read', 'write'])
      .default('write')
      .describe('Contents permission'),
    ttlSeconds: z
      .number()
      .int()
      .min(60)
      .max(3600)
      .default(900)
      .describe('Lifetime (GitHub installation tokens last at most 1 h)'),
  })
  .strict();
export type GitTokenInput = z.infer<typeof gitTokenInput>;
export const gitTokenOutput = z.object({
  tokenRef: z
    .string()
    .describe(
      'Handle of the token for portico:publish:git / portico:git:token:revoke (not the token)',
    ),
  expiresAt: z.string().describe('ISO time the token expires'),
  repository: z.string().describe('owner/repo the token is limited to'),
});

export const gitTokenRevokeInput = z
  .object({
    tokenRef: z
      .string()
      .regex(
        /^gt_[A-Za-z0-9_-]{10,100}$/,
        'must be a tokenRef from portico:git:token',
      ),
  })
  .strict();
export const gitTokenRevokeOutput = z.object({
  revoked: z
    .boolean()
    .describe('false when it had already expired or been revoked'),
});

/** portico:publish:git */
export const publishGitInput = z
  .object({
    repoUrl: repoUrl().describe(
      '"host?owner=org&repo=name"; host must be the configured Git server',
    ),
    tokenRef: gitTokenRevokeInput.shape.tokenRef
      .optional()
      .describe(
        'From portico:git:token; default: a token minted for this push and revoked after',
      ),
    sourcePath: repoPath()
      .optional()
      .describe('Subdirectory of the workspace to push'),
    defaultBranch: dnsSubdomain().default('main'),
    gitCommitMessage: singleLineText(200).default('Initial commit'),
    description: singleLineText(200).optional(),
  })
  .strict();
export type PublishGitInput = z.infer<typeof publishGitInput>;
export const publishGitOutput = z.object({
  remoteUrl: z.string().describe('Clone URL'),
  repoContentsUrl: z
    .string()
    .describe('Browser URL of the default branch contents'),
  catalogInfoUrl: z
    .string()
    .describe(
      'URL of catalog-info.yaml for catalog:register (catalogInfoUrl input)',
    ),
  commitHash: z.string(),
  created: z
    .boolean()
    .describe('false when the repository already had exactly this content'),
});
