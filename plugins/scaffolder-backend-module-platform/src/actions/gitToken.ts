import { withAuditEvent } from '@internal/plugin-portico-node';
import { InputError } from '@backstage/errors';
import { parseRepoUrlString } from '../validation/fields';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps, redact } from './deps';
import { gitTokenExamples } from './gitToken.examples';
import { taskAuditMeta } from './auditMeta';
import { gitTokenInput, gitTokenOutput } from './schemas/git';

const ACTION_ID = 'portico:git:token';

/** Mints a short-lived token limited to one repository; outputs a handle, never the token. */
export function createGitTokenAction(
  deps: Pick<
    PlatformActionDeps,
    'settings' | 'tokenProvider' | 'vault' | 'auditor'
  >,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Mints a short-lived Git token limited to the one repository of this task (GitHub App installation token, or the loopback server token). Outputs a tokenRef handle; the token itself is redacted from logs and revoked at expiry, on cancel, or by portico:git:token:revoke.',
    examples: gitTokenExamples,
    input: gitTokenInput,
    output: gitTokenOutput,
    async handler(ctx, input) {
      const repo = parseRepoUrlString(input.repoUrl);
      const repository = `${repo.owner}/${repo.repo}`;
      const git = deps.settings.git;
      if (!git || !deps.tokenProvider) {
        throw new InputError(
          'portico.scaffolder.git is not configured: no Git server to mint tokens for',
        );
      }
      const serverHost = new URL(git.baseUrl).host;
      if (repo.host !== serverHost) {
        throw new InputError(
          `input.repoUrl: host ${repo.host} is not the configured Git server (${serverHost})`,
        );
      }
      if (ctx.isDryRun) {
        const expiresAt = new Date(
          Date.now() + input.ttlSeconds * 1000,
        ).toISOString();
        ctx.logger.info(
          `Dry run: would mint a ${input.permission} token for ${repository} until ${expiresAt}`,
        );
        ctx.output('tokenRef', 'gt_dry-run-no-token');
        ctx.output('expiresAt', expiresAt);
        ctx.output('repository', repository);
        return;
      }
      const provider = deps.tokenProvider;
      const minted = await withAuditEvent(
        deps.auditor,
        {
          eventId: 'git-token-mint',
          severityLevel: 'high',
          meta: {
            repository,
            permission: input.permission,
            ttlSeconds: input.ttlSeconds,
            provider: provider.kind,
            ...taskAuditMeta(ctx),
          },
        },
        async () => {
          const token = await provider.mint(repo, {
            permission: input.permission,
            ttlSeconds: input.ttlSeconds,
            create:
              input.permission === 'write' && provider.kind === 'loopback',
          });
          return {
            result: token,
            meta: { expiresAt: token.expiresAt.toISOString() },
          };
        },
      );
      redact(ctx.logger, minted.token);
      const tokenRef = deps.vault.register({
        taskId: ctx.task.id,
        repository,
        minted,
        provider: deps.tokenProvider,
        signal: ctx.signal,
      });
      ctx.logger.info(
        `Minted a ${
          input.permission
        } token limited to ${repository}, valid until ${minted.expiresAt.toISOString()} (${tokenRef})`,
      );
      ctx.output('tokenRef', tokenRef);
      ctx.output('expiresAt', minted.expiresAt.toISOString());
      ctx.output('repository', repository);
    },
  });
}
