import { withAuditEvent } from '@internal/plugin-portico-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { getRepoSourceDirectory } from '@backstage/plugin-scaffolder-node';
import { publishRepository, scratchDirFor } from '../git/publishRepository';
import { cloneUrlOf, contentsUrlOf, fileUrlOf } from '../git/repoUrls';
import { parseRepoUrlString } from '../validation/fields';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps, redact } from './deps';
import { gitAuthorOf } from './gitAuthor';
import { taskAuditMeta } from './auditMeta';
import { publishGitExamples } from './publishGit.examples';
import { publishGitInput, publishGitOutput } from './schemas/git';

const ACTION_ID = 'portico:publish:git';

/** Creates a repository on the loopback Git server and pushes the workspace. */
export function createPublishGitAction(
  deps: Pick<
    PlatformActionDeps,
    'settings' | 'tokenProvider' | 'vault' | 'ledger' | 'auditor'
  >,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      "Creates a repository on the configured loopback Git server and pushes the workspace with the upstream publishers' steps (initRepoAndPush). Re-running with the same content reuses the repository. Production uses publish:github.",
    examples: publishGitExamples,
    input: publishGitInput,
    output: publishGitOutput,
    async handler(ctx, input) {
      const git = deps.settings.git;
      if (!git || git.provider !== 'loopback' || !deps.tokenProvider) {
        throw new InputError(
          'portico:publish:git publishes to the loopback Git server (portico.scaffolder.git.provider: loopback); use publish:github with GitHub',
        );
      }
      const repo = parseRepoUrlString(input.repoUrl);
      const serverHost = new URL(git.baseUrl).host;
      if (repo.host !== serverHost) {
        throw new InputError(
          `input.repoUrl: host ${repo.host} is not the configured Git server (${serverHost})`,
        );
      }
      const repository = `${repo.owner}/${repo.repo}`;
      const remoteUrl = cloneUrlOf(git, repo);
      const repoContentsUrl = contentsUrlOf(git, repo, input.defaultBranch);
      const catalogInfoUrl = fileUrlOf(
        git,
        repo,
        input.defaultBranch,
        'catalog-info.yaml',
      );
      const author = gitAuthorOf(ctx.user);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would push the workspace to ${remoteUrl} as ${author.name} <${author.email}>`,
        );
        ctx.output('remoteUrl', remoteUrl);
        ctx.output('repoContentsUrl', repoContentsUrl);
        ctx.output('catalogInfoUrl', catalogInfoUrl);
        ctx.output('commitHash', 'dry-run');
        ctx.output('created', true);
        return;
      }
      const scratch = await fs.promises.mkdtemp(
        path.join(os.tmpdir(), 'portico-publish-'),
      );
      const ownToken = !input.tokenRef;
      const minted = input.tokenRef
        ? deps.vault.resolve(input.tokenRef, ctx.task.id, repository)
        : await deps.tokenProvider.mint(repo, {
            permission: 'write',
            ttlSeconds: 300,
            create: true,
          });
      redact(ctx.logger, minted.token);
      try {
        const result = await withAuditEvent(
          deps.auditor,
          {
            eventId: 'repository-publish',
            severityLevel: 'medium',
            meta: { repository: remoteUrl, ...taskAuditMeta(ctx) },
          },
          async () => {
            const published = await publishRepository({
              sourceDir: getRepoSourceDirectory(
                ctx.workspacePath,
                input.sourcePath,
              ),
              remoteUrl,
              auth: { username: minted.username, password: minted.token },
              defaultBranch: input.defaultBranch,
              commitMessage: input.gitCommitMessage,
              author,
              scratchDir: scratchDirFor(scratch),
              logger: ctx.logger,
            });
            return {
              result: published,
              meta: {
                commitHash: published.commitHash,
                created: published.created,
              },
            };
          },
        );
        deps.ledger.record(
          ctx.task.id,
          `repository ${remoteUrl} (${
            result.created ? 'created and pushed' : 'reused'
          } by this task)`,
        );
        ctx.logger.info(
          result.created
            ? `Pushed ${repository} to ${remoteUrl} (${result.commitHash})`
            : `Reused ${remoteUrl}: it already had exactly this content`,
        );
        ctx.output('remoteUrl', remoteUrl);
        ctx.output('repoContentsUrl', repoContentsUrl);
        ctx.output('catalogInfoUrl', catalogInfoUrl);
        ctx.output('commitHash', result.commitHash);
        ctx.output('created', result.created);
      } finally {
        await fs.promises.rm(scratch, { recursive: true, force: true });
        if (ownToken) {
          await deps.tokenProvider.revoke(minted.token).catch(() => false);
        }
      }
    },
  });
}
