import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, InputError } from '@backstage/errors';
import { teamOfGroupRef, withAuditEvent } from '@internal/plugin-portico-node';
import { checkCommitFiles } from '../git/commitPolicy';
import { reservedInFiles } from '../git/reservedInFiles';
import { GitopsRepository } from '../git/gitopsRepository';
import { cloneUrlOf, commitUrlOf } from '../git/repoUrls';
import { assertNotReserved, refuseInput } from '../validation/platformRules';
import { createPlatformAction } from './platformAction';
import { PlatformActionDeps } from './deps';
import { gitAuthorOf } from './gitAuthor';
import { gitopsCommitExamples } from './gitopsCommit.examples';
import { withCleanupAdvice } from './partialFailure';
import { taskAuditMeta } from './auditMeta';
import { heldInCluster } from './namespaceHolders';
import { gitopsCommitInput, gitopsCommitOutput } from './schemas/git';

const ACTION_ID = 'portico:gitops:commit';

/** Pushes manifests to the GitOps repository as one commit authored by the user. */
export function createGitopsCommitAction(
  deps: Pick<
    PlatformActionDeps,
    | 'settings'
    | 'tokenProvider'
    | 'ownerCheck'
    | 'ledger'
    | 'auditor'
    | 'teamNamespaces'
  >,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      "Pushes a set of manifests to the GitOps repository as one commit authored by the user. Idempotent (no commit when nothing changed). Accepts only the kinds the Portico manifest actions build, in the service's own namespaces, with Argo CD, RBAC and secret-store fields pinned; refuses reserved namespaces, files of another service or team and namespaces another team holds; keeps the team's AppProject up to date.",
    examples: gitopsCommitExamples,
    input: gitopsCommitInput,
    output: gitopsCommitOutput,
    async handler(ctx, input) {
      const gitops = deps.settings.gitops;
      if (!gitops) {
        throw new InputError(
          'portico.scaffolder.gitops.repoUrl is not configured',
        );
      }
      const policy = { ...deps.settings, gitops };
      // Reserved namespaces first: before ownership or anything else is looked at.
      assertNotReserved(ACTION_ID, deps.settings.reservedNamespaces, [
        ['service', input.service],
      ]);
      const reserved = reservedInFiles(policy, input.files);
      if (reserved.length > 0) refuseInput(ACTION_ID, reserved);
      const { owner: ownerRef } = await deps.ownerCheck.verifyOwner(
        await ctx.getInitiatorCredentials(),
        input.owner,
      );
      const team = teamOfGroupRef(ownerRef);
      if (!team) {
        refuseInput(ACTION_ID, [
          `input.owner: ${ownerRef} is not a team (teams are groups in the default namespace)`,
        ]);
      }
      const subject = { service: input.service, ownerRef, team };
      const check = checkCommitFiles(policy, subject, input.files);
      if (check.problems.length > 0) refuseInput(ACTION_ID, check.problems);
      const held = await heldInCluster(
        deps.teamNamespaces,
        team,
        check.newNamespaces.map(ns => [
          `input.files["${check.namespaceFiles[ns]}"]`,
          ns,
        ]),
      );
      if (held.length > 0) {
        throw new ConflictError(
          `${ACTION_ID} refused its input: ${held.join('; ')}`,
        );
      }
      const paths = Object.keys(input.files).sort();
      const author = gitAuthorOf(ctx.user);
      const message =
        input.message ?? `${input.service}: manifests from Portico`;
      if (ctx.isDryRun || !deps.tokenProvider) {
        if (!ctx.isDryRun) {
          throw new InputError(
            'portico.scaffolder.git is not configured: cannot push to the GitOps repository',
          );
        }
        ctx.logger.info(
          `Dry run: would commit ${paths.length} files as ${author.name} <${
            author.email
          }>: ${paths.join(', ')}`,
        );
        ctx.output('commitHash', 'dry-run');
        ctx.output('changed', true);
        ctx.output('paths', paths);
        ctx.output('repoUrl', cloneUrlOf(deps.settings.git, gitops.repo));
        return;
      }
      const repository = new GitopsRepository(
        policy,
        deps.settings.git,
        deps.tokenProvider,
      );
      const workDir = path.join(
        await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portico-gitops-')),
        'repo',
      );
      try {
        const result = await withAuditEvent(
          deps.auditor,
          {
            eventId: 'gitops-commit',
            severityLevel: 'medium',
            meta: {
              repository: repository.cloneUrl,
              service: input.service,
              owner: ownerRef,
              team,
              paths,
              ...taskAuditMeta(ctx),
            },
          },
          async () => {
            const committed = await repository.commit(workDir, ctx.logger, {
              service: input.service,
              ownerRef,
              team,
              files: input.files,
              message,
              author,
            });
            return {
              result: committed,
              meta: {
                commitHash: committed.commitHash,
                changed: committed.changed,
              },
            };
          },
        );
        ctx.logger.info(
          result.changed
            ? `Committed ${paths.length} files to ${result.repoUrl} as ${result.commitHash}`
            : `GitOps repository already has these ${paths.length} files; no commit made (${result.commitHash})`,
        );
        ctx.output('commitHash', result.commitHash);
        ctx.output('changed', result.changed);
        ctx.output('paths', result.paths);
        ctx.output('repoUrl', result.repoUrl);
        const commitUrl = commitUrlOf(
          deps.settings.git,
          gitops.repo,
          result.commitHash,
        );
        if (commitUrl) ctx.output('commitUrl', commitUrl);
      } catch (error) {
        throw withCleanupAdvice(
          error,
          [
            ...deps.ledger.created(ctx.task.id),
            ...(input.alreadyCreated ?? []),
          ],
          `GitOps commit to ${repository.cloneUrl} failed`,
        );
      } finally {
        await fs.promises.rm(path.dirname(workDir), {
          recursive: true,
          force: true,
        });
      }
    },
  });
}
