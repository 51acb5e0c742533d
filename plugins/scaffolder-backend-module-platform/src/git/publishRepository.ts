/*
 * Publishing a workspace to the loopback Git server with the upstream publishers' steps
 * (initRepoAndPush), idempotently: an existing repository with the same content is reused,
 * one with different content is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { ConflictError } from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  cloneRepo,
  initRepoAndPush,
  serializeDirectoryContents,
} from '@backstage/plugin-scaffolder-node';

interface PublishRequest {
  sourceDir: string;
  remoteUrl: string;
  auth: { username: string; password: string };
  defaultBranch: string;
  commitMessage: string;
  author: { name: string; email: string };
  /** Scratch directory for comparing with an existing repository. */
  scratchDir: string;
  logger: LoggerService;
}

async function remoteHead(
  url: string,
  auth: PublishRequest['auth'],
  branch: string,
) {
  try {
    const info = await git.getRemoteInfo2({
      http,
      url,
      onAuth: () => auth,
      protocolVersion: 1,
    });
    const heads = info.refs?.filter(r => r.ref.startsWith('refs/heads/')) ?? [];
    return (
      heads.find(r => r.ref === `refs/heads/${branch}`)?.oid ??
      (heads.length ? 'other' : undefined)
    );
  } catch (error) {
    if (
      (error as { data?: { statusCode?: number } })?.data?.statusCode === 404
    ) {
      return undefined;
    }
    throw error;
  }
}

async function contentsOf(dir: string) {
  const files = await serializeDirectoryContents(dir, { gitignore: true });
  return new Map(
    files
      .filter(f => !f.path.startsWith('.git/') && f.path !== '.git')
      .map(f => [f.path, f.content.toString('base64')]),
  );
}

function sameContents(a: Map<string, string>, b: Map<string, string>) {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

export async function publishRepository(
  request: PublishRequest,
): Promise<{ commitHash: string; created: boolean }> {
  const head = await remoteHead(
    request.remoteUrl,
    request.auth,
    request.defaultBranch,
  );
  if (!head) {
    const { commitHash } = await initRepoAndPush({
      dir: request.sourceDir,
      remoteUrl: request.remoteUrl,
      auth: request.auth,
      logger: request.logger,
      defaultBranch: request.defaultBranch,
      commitMessage: request.commitMessage,
      gitAuthorInfo: request.author,
    });
    return { commitHash, created: true };
  }
  if (head === 'other') {
    throw new ConflictError(
      `repository ${request.remoteUrl} already exists without a ${request.defaultBranch} branch; choose another name or delete it`,
    );
  }
  await fs.promises.rm(request.scratchDir, { recursive: true, force: true });
  await cloneRepo({
    url: request.remoteUrl,
    dir: request.scratchDir,
    auth: request.auth,
    ref: request.defaultBranch,
  });
  const [local, remote] = await Promise.all([
    contentsOf(request.sourceDir),
    contentsOf(request.scratchDir),
  ]);
  await fs.promises.rm(request.scratchDir, { recursive: true, force: true });
  if (!sameContents(local, remote)) {
    throw new ConflictError(
      `repository ${request.remoteUrl} already exists with different content; choose another name, or delete the repository and run the template again`,
    );
  }
  request.logger.info(
    `Repository ${request.remoteUrl} already has this content; reusing it`,
  );
  return { commitHash: head, created: false };
}

export const scratchDirFor = (base: string) => path.join(base, 'existing');
