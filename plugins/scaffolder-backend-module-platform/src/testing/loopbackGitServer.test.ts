import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LoopbackGitServer, startLoopbackGitServer } from './loopbackGitServer';

const run = promisify(execFile);

async function issue(server: LoopbackGitServer, body: object) {
  const res = await fetch(`${server.url}/api/tokens`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function gitWith(token: string | undefined, cwd: string, args: string[]) {
  const auth = token
    ? [
        '-c',
        `http.extraHeader=Authorization: Basic ${Buffer.from(
          `x-access-token:${token}`,
        ).toString('base64')}`,
      ]
    : [];
  return run('git', [...auth, '-c', 'credential.helper=', ...args], {
    cwd,
    env: {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@x',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@x',
    },
  });
}

describe('startLoopbackGitServer', () => {
  let server: LoopbackGitServer;
  let work: string;

  beforeEach(async () => {
    server = await startLoopbackGitServer();
    work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'git-client-'));
    await run('git', ['init', '-q', '-b', 'main', work]);
    await fs.promises.writeFile(
      path.join(work, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    await gitWith(undefined, work, ['add', '.']);
    await gitWith(undefined, work, ['commit', '-q', '-m', 'init']);
  });

  afterEach(async () => {
    await server.stop();
    await fs.promises.rm(work, { recursive: true, force: true });
  });

  it('issues scoped tokens that create the repo on first push, then serves clones and raw files', async () => {
    const { status, body } = await issue(server, {
      repositories: ['team-a/payments'],
      permission: 'write',
      create: true,
      ttlSeconds: 60,
    });
    expect(status).toBe(201);
    expect(body.token).toMatch(/^lgt_/);
    expect(new Date(body.expires_at).getTime()).toBeGreaterThan(Date.now());

    await gitWith(body.token, work, [
      'push',
      '-q',
      server.cloneUrl('team-a', 'payments'),
      'main',
    ]);
    expect(
      await server.git('team-a', 'payments', ['log', '--format=%s', 'main']),
    ).toBe('init\n');

    const clone = path.join(work, 'clone');
    await gitWith(body.token, work, [
      'clone',
      '-q',
      server.cloneUrl('team-a', 'payments'),
      clone,
    ]);
    expect(fs.readFileSync(path.join(clone, 'catalog-info.yaml'), 'utf8')).toBe(
      'kind: Component\n',
    );

    const raw = await fetch(
      `${server.url}/team-a/payments/raw/main/catalog-info.yaml`,
    );
    expect(await raw.text()).toBe('kind: Component\n');
    expect(
      (await fetch(`${server.url}/team-a/payments/raw/main/../../etc/passwd`))
        .status,
    ).toBe(404);
  });

  it('refuses missing credentials, other repositories, read-only pushes, unknown tokens and revoked tokens', async () => {
    const url = server.cloneUrl('team-a', 'payments');
    await expect(
      gitWith(undefined, work, ['push', '-q', url, 'main']),
    ).rejects.toThrow();

    const other = await issue(server, {
      repositories: ['team-b/other'],
      permission: 'write',
      create: true,
      ttlSeconds: 60,
    });
    const res = await fetch(`${url}/info/refs?service=git-receive-pack`, {
      headers: { authorization: `Bearer ${other.body.token}` },
    });
    expect(res.status).toBe(403);
    expect(fs.existsSync(server.repoDir('team-a', 'payments'))).toBe(false);

    const noCreate = await issue(server, {
      repositories: ['team-a/payments'],
      permission: 'write',
      ttlSeconds: 60,
    });
    await expect(
      gitWith(noCreate.body.token, work, ['push', '-q', url, 'main']),
    ).rejects.toThrow(/does not exist|404/);

    await server.createRepository('team-a', 'payments');
    const readOnly = await issue(server, {
      repositories: ['team-a/payments'],
      permission: 'read',
      ttlSeconds: 60,
    });
    await expect(
      gitWith(readOnly.body.token, work, ['push', '-q', url, 'main']),
    ).rejects.toThrow(/403|not allowed/);

    expect(
      (
        await fetch(`${url}/info/refs?service=git-upload-pack`, {
          headers: { authorization: 'Bearer lgt_nope' },
        })
      ).status,
    ).toBe(401);

    const writer = await issue(server, {
      repositories: ['team-a/payments'],
      permission: 'write',
      ttlSeconds: 60,
    });
    const revoke = await fetch(`${server.url}/api/tokens/current`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${writer.body.token}` },
    });
    expect(revoke.status).toBe(204);
    await expect(
      gitWith(writer.body.token, work, ['push', '-q', url, 'main']),
    ).rejects.toThrow();
    expect(await server.git('team-a', 'payments', ['for-each-ref'])).toBe('');
  });

  it('expires tokens and refuses token requests without the admin token or with bad scope', async () => {
    expect(
      (await fetch(`${server.url}/api/tokens`, { method: 'POST', body: '{}' }))
        .status,
    ).toBe(401);
    expect(
      (await issue(server, { repositories: ['../x'], ttlSeconds: 60 })).status,
    ).toBe(422);
    const short = await issue(server, { repositories: ['a/b'], ttlSeconds: 1 });
    expect(server.tokens.lookup(short.body.token)).toBeDefined();
    await new Promise(r => setTimeout(r, 1100));
    expect(server.tokens.lookup(short.body.token)).toBeUndefined();
  });
});
