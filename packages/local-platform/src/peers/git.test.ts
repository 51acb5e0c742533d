import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  startTemplateHarness,
  type TemplateHarness,
  type TemplateHarnessGit,
} from '@internal/template-checks/testUtils';
import { peerContext } from './__testUtils__/context';
import { startGitPeer } from './git';

const run = promisify(execFile);

const context = peerContext();

/** The branches of owner/repo on the peer (with the admin token). */
async function branches(git: TemplateHarnessGit, owner: string, repo: string) {
  const url = new URL(`${git.url}/${owner}/${repo}.git`);
  url.username = 'portico';
  url.password = git.adminToken;
  const { stdout } = await run('git', ['ls-remote', '--heads', url.toString()]);
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(line => line.split('\t')[1]);
}

/** `git log --format=%s` of platform/gitops's main, through a clone. */
async function gitopsCommits(git: TemplateHarnessGit) {
  const url = new URL(`${git.url}/platform/gitops.git`);
  url.username = 'portico';
  url.password = git.adminToken;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'git-peer-test-'));
  try {
    await run('git', ['clone', '-q', url.toString(), path.join(dir, 'r')]);
    const { stdout } = await run('git', [
      '-C',
      path.join(dir, 'r'),
      'log',
      '--format=%s',
    ]);
    return stdout.trim().split('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the git peer as the template harness Git server (bench/templates)', () => {
  let peer: Awaited<ReturnType<typeof startGitPeer>> | undefined;
  let harness: TemplateHarness<TemplateHarnessGit> | undefined;
  afterAll(async () => {
    await harness?.stop();
    await peer?.stop();
  });

  it('publishes a new service to the peer, whose GitOps repository gets the commit, and outlives the harness', async () => {
    peer = await startGitPeer(context);
    const git = peer.description;
    const seeded = await gitopsCommits(git);
    harness = await startTemplateHarness({ git });
    expect(harness.git).toBe(git);
    expect(harness.gitHost).toBe(git.host);
    await harness.waitForEntity(
      'user:default/bob',
      'template:default/new-service',
      120_000,
    );

    const result = await harness.run('user:default/bob', 'new-service', {
      name: 'peer-check',
      owner: 'group:default/payments-team',
      description: 'Published to the git peer',
      language: 'go',
      traffic: 'medium',
      storage: 'postgresql',
      extraSecrets: [],
      repoOwner: 'bench',
      repoHost: harness.gitHost,
    });
    expect(result.status).toBe('completed');
    // the service's repository and the GitOps commit are on the peer, not on a server of the harness
    expect(await branches(git, 'bench', 'peer-check')).toContain(
      'refs/heads/main',
    );
    const commits = await gitopsCommits(git);
    expect(commits.length).toBeGreaterThan(seeded.length);

    // the harness leaves the caller's Git server running
    await harness.stop();
    harness = undefined;
    expect(await branches(git, 'platform', 'gitops')).toEqual([
      'refs/heads/main',
    ]);
  }, 180_000);
});
