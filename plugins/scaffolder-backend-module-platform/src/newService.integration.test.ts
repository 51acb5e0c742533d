/*
 * The New service flow for real against the loopback Git server (git http-backend):
 * validate → manifests → scoped token → publish → GitOps commit → revoke, then the pushed
 * repositories are inspected, and a second run must not duplicate anything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createPlatformActions } from './actions';
import { PlatformActionDeps } from './actions/deps';
import {
  depsFor,
  listFiles,
  log,
  recordingLogger,
  seedGitops,
} from './testing/kit';
import { runAction } from './testing/runAction';
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from './testing/loopbackGitServer';

jest.setTimeout(60_000);

const TOKEN_PATTERN = /lgt_[A-Za-z0-9_-]{20,}/;

function byId(deps: PlatformActionDeps) {
  return Object.fromEntries(createPlatformActions(deps).map(a => [a.id, a]));
}

async function workspace(files: Record<string, string>) {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'workspace-'));
  for (const [p, content] of Object.entries(files)) {
    await fs.promises.mkdir(path.dirname(path.join(dir, p)), {
      recursive: true,
    });
    await fs.promises.writeFile(path.join(dir, p), content);
  }
  return dir;
}

const skeleton = {
  'catalog-info.yaml':
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payments\nspec:\n  type: service\n  owner: group:default/team-a\n  lifecycle: experimental\n',
  'src/index.ts': 'export {};\n',
  'docs/index.md': '# payments\n',
};

describe('New service flow against the loopback Git server', () => {
  let server: LoopbackGitServer;
  let deps: PlatformActionDeps;
  let actions: ReturnType<typeof byId>;
  const input = {
    name: 'payments',
    owner: 'group:default/team-a',
    description: 'Takes payments',
    traffic: 'medium',
    storage: 'postgresql',
    extraSecrets: [
      {
        secretKey: 'STRIPE_API_KEY',
        remoteKey: 'teams/team-a/stripe',
        property: 'api-key',
      },
    ],
  };

  beforeEach(async () => {
    server = await startLoopbackGitServer();
    await seedGitops(server);
    deps = depsFor(server);
    actions = byId(deps);
  });
  afterEach(async () => {
    await server.stop();
  });

  async function runFlow(taskId: string, recorder = recordingLogger()) {
    const ws = await workspace(skeleton);
    const repoUrl = `${server.host}?owner=team-a&repo=payments`;
    const opts = { taskId, workspacePath: ws, logger: recorder };
    await runAction(actions['portico:service:validate'], input, opts);
    const manifests = await runAction(
      actions['portico:service:manifests'],
      input,
      opts,
    );
    const token = await runAction(
      actions['portico:git:token'],
      { repoUrl },
      opts,
    );
    const publish = await runAction(
      actions['portico:publish:git'],
      { repoUrl, tokenRef: token.tokenRef },
      opts,
    );
    const gitops = await runAction(
      actions['portico:gitops:commit'],
      {
        service: 'payments',
        owner: input.owner,
        files: manifests.files,
        alreadyCreated: [publish.remoteUrl],
      },
      opts,
    );
    const revoke = await runAction(
      actions['portico:git:token:revoke'],
      { tokenRef: token.tokenRef },
      opts,
    );
    await fs.promises.rm(ws, { recursive: true, force: true });
    return { manifests, token, publish, gitops, revoke, recorder };
  }

  it('pushes the code and one GitOps commit authored by the user, and a re-run duplicates nothing', async () => {
    const first = await runFlow('task-1');

    expect(first.publish).toMatchObject({
      remoteUrl: server.cloneUrl('team-a', 'payments'),
      created: true,
      catalogInfoUrl: `${server.url}/team-a/payments/raw/main/catalog-info.yaml`,
    });
    expect(await listFiles(server, 'team-a', 'payments')).toEqual([
      'catalog-info.yaml',
      'docs/index.md',
      'src/index.ts',
    ]);
    expect(await log(server, 'team-a', 'payments')).toEqual([
      'Bob Builder|bob@example.com|Initial commit',
    ]);
    const catalogInfo = await fetch(first.publish.catalogInfoUrl);
    expect(await catalogInfo.text()).toBe(skeleton['catalog-info.yaml']);

    expect(first.gitops.changed).toBe(true);
    const gitopsLog = await log(server, 'platform', 'gitops');
    expect(gitopsLog).toEqual([
      'Bob Builder|bob@example.com|payments: manifests from Portico',
      'seed|seed@x|seed',
    ]);
    const files = await listFiles(server, 'platform', 'gitops');
    expect(files).toEqual(
      ['README.md', ...Object.keys(first.manifests.files)].sort(),
    );
    expect(await server.git('platform', 'gitops', ['rev-parse', 'main'])).toBe(
      `${first.gitops.commitHash}\n`,
    );
    const deployment = await server.git('platform', 'gitops', [
      'show',
      'main:apps/payments/deployment.yaml',
    ]);
    expect(deployment).toBe(
      first.manifests.files['apps/payments/deployment.yaml'],
    );
    const kinds = files
      .filter(f => f.endsWith('.yaml'))
      .map(async f =>
        parseAllDocuments(
          await server.git('platform', 'gitops', ['show', `main:${f}`]),
        ).map((d: any) => d.toJS().kind),
      );
    expect((await Promise.all(kinds)).flat().sort()).toEqual([
      'AppProject',
      'Application',
      'Deployment',
      'ExternalSecret',
      'ExternalSecret',
      'HorizontalPodAutoscaler',
      'LimitRange',
      'Namespace',
      'NetworkPolicy',
      'NetworkPolicy',
      'NetworkPolicy',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'ResourceQuota',
      'RoleBinding',
      'Service',
      'ServiceAccount',
    ]);

    // The token never appears in logs or outputs; it was registered for redaction and is revoked.
    expect(first.revoke.revoked).toBe(true);
    expect(server.tokens.liveCount()).toBe(0);
    expect(first.recorder.redactions.some(r => TOKEN_PATTERN.test(r))).toBe(
      true,
    );
    expect(first.recorder.lines.join('\n')).not.toMatch(TOKEN_PATTERN);
    expect(
      JSON.stringify([first.token, first.publish, first.gitops]),
    ).not.toMatch(TOKEN_PATTERN);

    // Every side effect is audited (who, task, what), and no audit event carries the token.
    const events = (deps.auditor as any).events as Array<{
      eventId: string;
      status: string;
      meta?: any;
    }>;
    expect(
      events
        .filter(e => e.status !== 'initiated')
        .map(e => `${e.eventId}:${e.status}`),
    ).toEqual([
      'git-token-mint:succeeded',
      'repository-publish:succeeded',
      'gitops-commit:succeeded',
      'git-token-revoke:succeeded',
    ]);
    expect(events[0].meta).toMatchObject({
      repository: 'team-a/payments',
      actor: 'user:default/bob',
      taskId: 'task-1',
    });
    expect(JSON.stringify(events)).not.toMatch(TOKEN_PATTERN);

    // Re-run (a new task): repository reused, no new commits anywhere.
    const second = await runFlow('task-2');
    expect(second.publish.created).toBe(false);
    expect(second.publish.commitHash).toBe(first.publish.commitHash);
    expect(second.gitops.changed).toBe(false);
    expect(second.gitops.commitHash).toBe(first.gitops.commitHash);
    expect(await log(server, 'team-a', 'payments')).toHaveLength(1);
    expect(await log(server, 'platform', 'gitops')).toHaveLength(2);
    expect(server.tokens.liveCount()).toBe(0);
  });

  it('a dry run pushes nothing and mints nothing, but returns the manifests', async () => {
    const ws = await workspace(skeleton);
    const repoUrl = `${server.host}?owner=team-a&repo=payments`;
    const opts = { workspacePath: ws, dryRun: true };
    const manifests = await runAction(
      actions['portico:service:manifests'],
      input,
      opts,
    );
    const token = await runAction(
      actions['portico:git:token'],
      { repoUrl },
      opts,
    );
    const publish = await runAction(
      actions['portico:publish:git'],
      { repoUrl, tokenRef: token.tokenRef },
      opts,
    );
    const gitops = await runAction(
      actions['portico:gitops:commit'],
      { service: 'payments', owner: input.owner, files: manifests.files },
      opts,
    );
    expect(Object.keys(manifests.files).length).toBe(17); // with the PodDisruptionBudget
    expect(publish.commitHash).toBe('dry-run');
    expect(gitops.commitHash).toBe('dry-run');
    expect(fs.existsSync(server.repoDir('team-a', 'payments'))).toBe(false);
    expect(await log(server, 'platform', 'gitops')).toHaveLength(1);
    expect(server.requests.tokens ?? 0).toBe(0);
  });

  it('another team cannot take the name: refused at validation before anything is created, and by the commit itself', async () => {
    await runFlow('task-1');
    const carolDeps = depsFor(server, {
      user: {
        userEntityRef: 'user:default/carol',
        ownershipEntityRefs: ['user:default/carol', 'group:default/team-b'],
      },
    });
    const carol = byId(carolDeps);
    const taken = { ...input, owner: 'group:default/team-b' };
    await expect(
      runAction(carol['portico:service:validate'], taken),
    ).rejects.toThrow(
      'input.name: namespace "payments" is held by team team-a (platform/namespaces/payments/namespace.yaml); choose another name',
    );
    // In a namespace of its own, the service directory is still team-a's.
    await expect(
      runAction(carol['portico:service:validate'], {
        ...taken,
        namespace: 'carol-payments',
      }),
    ).rejects.toThrow(
      /input\.name: "payments" is taken in the GitOps repository: apps\/payments\/deployment\.yaml belongs to service payments of group:default\/team-a/,
    );
    // Suppose validation raced with team-a: carol's task publishes, then the GitOps commit is
    // refused. The error names what this task already created and how to clean up.
    const manifests = await runAction(
      carol['portico:service:manifests'],
      taken,
      {
        taskId: 'carol',
      },
    );
    const ws = await workspace(skeleton);
    const carolRepo = `${server.host}?owner=team-b&repo=payments`;
    const publish = await runAction(
      carol['portico:publish:git'],
      { repoUrl: carolRepo },
      { taskId: 'carol', workspacePath: ws },
    );
    expect(publish.created).toBe(true);
    const refusal = runAction(
      carol['portico:gitops:commit'],
      {
        service: 'payments',
        owner: 'group:default/team-b',
        files: manifests.files,
        alreadyCreated: ['', 'catalog location (example)'],
      },
      { taskId: 'carol' },
    );
    await expect(refusal).rejects.toThrow(
      /GitOps commit refused: .*belongs to service payments of group:default\/team-a/,
    );
    await expect(refusal).rejects.toThrow(
      `Already created by this task: repository ${server.cloneUrl(
        'team-b',
        'payments',
      )} (created and pushed by this task), catalog location (example). Nothing was changed in the GitOps repository. To clean up, delete what is listed; or fix the cause and run the template again`,
    );
    // Re-running the publish step reuses the repository instead of duplicating it.
    const again = await runAction(
      carol['portico:publish:git'],
      { repoUrl: carolRepo },
      { taskId: 'carol-2', workspacePath: ws },
    );
    expect(again).toMatchObject({
      created: false,
      commitHash: publish.commitHash,
    });
    expect(await log(server, 'team-b', 'payments')).toHaveLength(1);
    expect(await log(server, 'platform', 'gitops')).toHaveLength(2);
  });

  it('refuses an owner the caller is not in before any side effect, naming the field', async () => {
    const before = { ...server.requests };
    await expect(
      runAction(actions['portico:service:validate'], {
        ...input,
        owner: 'group:default/team-b',
      }),
    ).rejects.toThrow(
      /input\.owner: you \(user:default\/bob\) are not a member of group:default\/team-b/,
    );
    await expect(
      runAction(actions['portico:gitops:commit'], {
        service: 'payments',
        owner: 'group:default/team-b',
        files: { 'apps/payments/x.yaml': 'a: 1\n' },
      }),
    ).rejects.toThrow(/input\.owner/);
    expect(server.requests).toEqual(before);
  });

  it('admins may act for any team', async () => {
    const admin = byId(
      depsFor(server, {
        user: {
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: [
            'user:default/alice',
            'group:default/portico-admins',
          ],
        },
        // Admin rights come from the catalog's membership of the initiator (the mock action
        // context's credentials are user:default/mock), not from the token's groups.
        catalog: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'mock', namespace: 'default' },
            spec: {},
            relations: [
              { type: 'memberOf', targetRef: 'group:default/portico-admins' },
            ],
          },
        ],
      }),
    );
    const out = await runAction(admin['portico:owner:verify'], {
      owner: 'team-b',
    });
    expect(out).toEqual({ owner: 'group:default/team-b', viaAdmin: true });
  });

  it('a token that claims portico-admins without catalog membership is not an admin', async () => {
    const mallory = byId(
      depsFor(server, {
        user: {
          userEntityRef: 'user:default/mallory',
          ownershipEntityRefs: [
            'user:default/mallory',
            'group:default/portico-admins',
          ],
        },
      }),
    );
    await expect(
      runAction(mallory['portico:owner:verify'], { owner: 'team-b' }),
    ).rejects.toThrow(/not a member of group:default\/team-b/);
  });

  it('publishing over an existing repository with different content is refused with what to do', async () => {
    await runFlow('task-1');
    const ws = await workspace({
      ...skeleton,
      'src/index.ts': 'export const changed = 1;\n',
    });
    await expect(
      runAction(
        actions['portico:publish:git'],
        { repoUrl: `${server.host}?owner=team-a&repo=payments` },
        { workspacePath: ws },
      ),
    ).rejects.toThrow(
      /already exists with different content; choose another name, or delete the repository/,
    );
    expect(await log(server, 'team-a', 'payments')).toHaveLength(1);
    expect(server.tokens.liveCount()).toBe(0);
  });

  it('a tokenRef works only in its own task and for its own repository', async () => {
    const repoUrl = `${server.host}?owner=team-a&repo=payments`;
    const token = await runAction(
      actions['portico:git:token'],
      { repoUrl },
      { taskId: 'task-1' },
    );
    const ws = await workspace(skeleton);
    await expect(
      runAction(
        actions['portico:publish:git'],
        { repoUrl, tokenRef: token.tokenRef },
        { taskId: 'task-2', workspacePath: ws },
      ),
    ).rejects.toThrow(/unknown, expired or revoked/);
    await expect(
      runAction(
        actions['portico:publish:git'],
        {
          repoUrl: `${server.host}?owner=team-a&repo=other`,
          tokenRef: token.tokenRef,
        },
        { taskId: 'task-1', workspacePath: ws },
      ),
    ).rejects.toThrow(/limited to team-a\/payments, not team-a\/other/);
    expect(server.tokens.liveCount()).toBe(1);
    const aborter = new AbortController();
    await runAction(
      actions['portico:git:token'],
      { repoUrl },
      { taskId: 'task-3', signal: aborter.signal },
    );
    expect(server.tokens.liveCount()).toBe(2);
    aborter.abort();
    await new Promise(r => setTimeout(r, 200));
    expect(server.tokens.liveCount()).toBe(1);
  });

  it('commits to an empty GitOps repository too', async () => {
    const emptyServer = await startLoopbackGitServer();
    try {
      await emptyServer.createRepository('platform', 'gitops');
      const emptyActions = byId(depsFor(emptyServer));
      const manifests = await runAction(
        emptyActions['portico:service:manifests'],
        input,
      );
      const out = await runAction(emptyActions['portico:gitops:commit'], {
        service: 'payments',
        owner: input.owner,
        files: manifests.files,
      });
      expect(out.changed).toBe(true);
      expect(await log(emptyServer, 'platform', 'gitops')).toEqual([
        'Bob Builder|bob@example.com|payments: manifests from Portico',
      ]);
    } finally {
      await emptyServer.stop();
    }
  });
});
