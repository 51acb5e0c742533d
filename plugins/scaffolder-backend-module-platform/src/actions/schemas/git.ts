/*
 * Input and output schemas of the Git actions: portico:gitops:commit, portico:git:token,
 * portico:git:token:revoke and portico:publish:git.
 */
import { z } from 'zod/v3';
import {
  dnsSubdomain,
  groupRef,
  repoPath,
  repoUrl,
  serviceName,
  singleLineText,
} from '../../validation/fields';

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
