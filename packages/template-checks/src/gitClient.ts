/*
 * Reads and seeds repositories on the loopback Git server with the `git` CLI over HTTP, the way a
 * developer's clone would see them. Asynchronous on purpose: the server may run in this process.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const GIT_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir(),
};

const execFileAsync = promisify(execFile);

export async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return stdout;
}

/** http://user:token@host/owner/repo.git */
export function authedUrl(
  baseUrl: string,
  token: string,
  owner: string,
  repo: string,
) {
  const url = new URL(`${baseUrl}/${owner}/${repo}.git`);
  url.username = 'portico';
  url.password = token;
  return url.toString();
}

/** Clones into a new temporary directory; the caller removes it. */
export async function cloneRepo(url: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-clone-'));
  await git(dir, ['clone', '--quiet', url, '.']);
  return dir;
}

/** Creates the first commit of an empty repository (the GitOps repository a platform starts with). */
export async function seedRepo(
  url: string,
  files: Record<string, string>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-seed-'));
  try {
    await git(dir, ['init', '--quiet', '-b', 'main']);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    await git(dir, ['add', '-A']);
    await git(dir, [
      '-c',
      'user.name=Platform team',
      '-c',
      'user.email=platform@portico.example',
      'commit',
      '--quiet',
      '-m',
      'GitOps repository',
    ]);
    await git(dir, ['push', '--quiet', url, 'main']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
