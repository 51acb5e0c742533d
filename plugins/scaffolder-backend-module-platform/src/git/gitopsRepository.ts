/*
 * One commit of manifests to the GitOps repository: clone with a token limited to that
 * repository, refuse what repositoryChecks.ts refuses, write, detect a no-op, commit as the user,
 * push (re-cloning and retrying when someone pushed in between), revoke the token.
 */
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { ConflictError, InputError } from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import { cloneRepo } from '@backstage/plugin-scaffolder-node';
import { GitopsSettings, GitSettings } from '../settings';
import { CommitPolicySettings } from './commitPolicySettings';
import { RepoNamespace, scanNamespaces } from './manifestFiles';
import { cloneUrlOf } from './repoUrls';
import {
  checkAgainstRepository,
  GitopsCommitRequest,
  GitopsCommitResult,
  RepositoryCheck,
  teamProjectAfter,
} from './repositoryChecks';
import { GitTokenProvider, MintedToken } from './tokenProviders';

export class GitopsRepository {
  readonly cloneUrl: string;

  private readonly gitops: GitopsSettings;

  constructor(
    private readonly policy: CommitPolicySettings & { gitops: GitopsSettings },
    gitSettings: GitSettings | undefined,
    private readonly tokens: GitTokenProvider,
  ) {
    this.gitops = policy.gitops;
    this.cloneUrl = cloneUrlOf(gitSettings, policy.gitops.repo);
  }

  /** Clones into dir with a fresh token (revoked afterwards) and runs fn. */
  private async withClone<T>(
    dir: string,
    logger: LoggerService,
    permission: 'read' | 'write',
    fn: (auth: { username: string; password: string }) => Promise<T>,
  ): Promise<T> {
    const minted: MintedToken = await this.tokens.mint(this.gitops.repo, {
      permission,
      ttlSeconds: 300,
      create: false,
    });
    (logger as { addRedactions?: (v: string[]) => void }).addRedactions?.([
      minted.token,
    ]);
    const auth = { username: minted.username, password: minted.token };
    try {
      await fs.promises.rm(dir, { recursive: true, force: true });
      await fs.promises.mkdir(dir, { recursive: true });
      const cloned = await cloneRepo({
        url: this.cloneUrl,
        dir,
        auth,
        ref: this.gitops.branch,
      })
        .then(() =>
          git.resolveRef({
            fs,
            dir,
            ref: `refs/remotes/origin/${this.gitops.branch}`,
          }),
        )
        .then(
          () => true,
          () => false,
        );
      if (!cloned) {
        const info = await git.getRemoteInfo2({
          http,
          url: this.cloneUrl,
          onAuth: () => auth,
          protocolVersion: 1,
        });
        if (info.refs?.some(r => r.ref.startsWith('refs/heads/'))) {
          throw new Error(
            `the GitOps repository ${this.cloneUrl} has no branch ${this.gitops.branch}`,
          );
        }
        // Empty repository: start its first branch.
        await fs.promises.rm(dir, { recursive: true, force: true });
        await git.init({ fs, dir, defaultBranch: this.gitops.branch });
        await git.addRemote({ fs, dir, remote: 'origin', url: this.cloneUrl });
      }
      return await fn(auth);
    } finally {
      await this.tokens.revoke(minted.token).catch(() => false);
    }
  }

  /** Every Namespace manifest of the repository (read-only clone). */
  async namespaces(
    dir: string,
    logger: LoggerService,
  ): Promise<RepoNamespace[]> {
    return this.withClone(dir, logger, 'read', async () => scanNamespaces(dir));
  }

  /** Refusals that a later commit would hit (used by portico:service:validate). */
  async precheck(
    dir: string,
    logger: LoggerService,
    request: Pick<
      GitopsCommitRequest,
      'service' | 'ownerRef' | 'team' | 'files'
    >,
  ): Promise<RepositoryCheck> {
    return this.withClone(dir, logger, 'read', async () => {
      const { conflicts, held, problems } = checkAgainstRepository(
        dir,
        this.policy,
        request,
      );
      return { conflicts, held, problems };
    });
  }

  async commit(
    dir: string,
    logger: LoggerService,
    request: GitopsCommitRequest,
  ): Promise<GitopsCommitResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.withClone(dir, logger, 'write', async auth => {
        const check = checkAgainstRepository(dir, this.policy, request);
        if (check.problems.length > 0) {
          throw new InputError(
            `GitOps commit refused: ${check.problems.join('; ')}`,
          );
        }
        const conflicts = [...check.conflicts, ...check.held];
        if (conflicts.length > 0) {
          throw new ConflictError(
            `GitOps commit refused: ${conflicts.join('; ')}`,
          );
        }
        // The team's AppProject is the platform's: rebuilt from the repository, never taken
        // from the input.
        const files = { ...request.files };
        const project = teamProjectAfter(
          this.policy,
          request,
          check.repoNamespaces,
          check.newNamespaces,
        );
        if (project) files[project.path] = project.text;
        const paths = Object.keys(files).sort();
        for (const p of paths) {
          const full = path.join(dir, p);
          await fs.promises.mkdir(path.dirname(full), { recursive: true });
          await fs.promises.writeFile(full, files[p]);
          await git.add({ fs, dir, filepath: p });
        }
        const hasHead = await git.resolveRef({ fs, dir, ref: 'HEAD' }).then(
          () => true,
          () => false,
        );
        const matrix = hasHead
          ? await git.statusMatrix({ fs, dir, filepaths: paths })
          : [];
        const changed =
          !hasHead ||
          matrix.some(
            ([, head, workdir, stage]) =>
              !(head === 1 && workdir === 1 && stage === 1),
          );
        if (!changed) {
          const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
          return { commitHash: head, changed: false, paths };
        }
        const commitHash = await git.commit({
          fs,
          dir,
          message: request.message,
          author: request.author,
          committer: request.author,
        });
        // isomorphic-git directly (not commitAndPushBranch): a rejected push is retried here
        // from a fresh clone at once, instead of re-pushing the same stale commit with backoff.
        const pushed = await git
          .push({
            fs,
            http,
            dir,
            remote: 'origin',
            ref: this.gitops.branch,
            onAuth: () => auth,
          })
          .catch(error => {
            if (
              attempt < 3 &&
              (error as { code?: string })?.code === 'PushRejectedError'
            ) {
              return undefined;
            }
            throw error;
          });
        if (!pushed) return undefined;
        if (!pushed.ok) {
          throw new Error(
            `push of ${commitHash} was refused: ${JSON.stringify(pushed.refs)}`,
          );
        }
        return { commitHash, changed: true, paths };
      });
      if (result) {
        return { ...result, repoUrl: this.cloneUrl };
      }
      logger.info(
        `GitOps branch moved while committing; retrying (attempt ${
          attempt + 1
        })`,
      );
    }
  }
}
