import {
  FakeArgoCd,
  FAKE_COMMIT_AUTHORS,
} from '@internal/plugin-argocd-backend/testUtils';
import { LiveChanges, liveScript } from './liveScript';

describe('LiveChanges with liveScript', () => {
  let prod: FakeArgoCd;
  const auth = { authorization: 'Bearer t' };
  const get = async (path: string) => {
    const res = await fetch(`${prod.url}/api/v1/applications${path}`, {
      headers: auth,
    });
    expect(res.status).toBe(200);
    return res.json();
  };

  beforeEach(async () => {
    prod = await FakeArgoCd.start({
      tokens: ['t'],
      apps: [
        {
          name: 'search-indexer',
          team: 'storefront-team',
          syncStatus: 'OutOfSync',
        },
        { name: 'storefront-gateway', team: 'storefront-team' },
      ],
    });
  });
  afterEach(async () => {
    jest.useRealTimers();
    await prod.close();
  });

  const script = () =>
    liveScript({
      sync: { instance: 'prod', name: 'search-indexer' },
      degrade: { instance: 'prod', name: 'storefront-gateway' },
    });

  it('syncs the out-of-sync app (a running operation, then a history entry whose commit resolves), degrades and recovers the healthy one, and commits again', async () => {
    const lines: string[] = [];
    const live = new LiveChanges(new Map([['prod', prod]]), script(), {
      log: l => lines.push(l),
      random: () => 0.5,
    });
    const before = await get('/search-indexer');
    const target = before.status.sync.revision;
    expect(before.status.history.map((h: any) => h.revision)).not.toContain(
      target,
    );

    // 1: the sync starts, and the instance's watchers are told
    const version = prod.watch.version;
    expect(live.tick().nextInMs).toBe(4_500);
    expect(prod.watch.version).toBe(version + 1);
    let app = await get('/search-indexer');
    expect(app.metadata.resourceVersion).toBe(String(version + 1));
    expect(app.status.operationState.phase).toBe('Running');
    expect(app.status.operationState.operation.sync.revision).toBe(target);
    expect(app.status.health.status).toBe('Progressing');
    expect(app.status.sync.status).toBe('OutOfSync');

    // 2: it completes: Synced, Healthy, one more history entry on the target
    expect(live.tick().nextInMs).toBe(30_000);
    app = await get('/search-indexer');
    expect(app.status.sync.status).toBe('Synced');
    expect(app.status.health.status).toBe('Healthy');
    expect(app.status.operationState.phase).toBe('Succeeded');
    expect(app.status.history).toHaveLength(before.status.history.length + 1);
    const entry = app.status.history.at(-1);
    expect(entry.revision).toBe(target);
    expect(entry.initiatedBy).toEqual({ automated: true });
    const meta = await get(
      `/search-indexer/revisions/${entry.revision}/metadata`,
    );
    expect(FAKE_COMMIT_AUTHORS).toContain(meta.author);
    expect(meta.message).toContain('search-indexer');
    expect(Date.parse(meta.date)).toBeLessThan(Date.parse(entry.deployedAt));

    // 3: a degraded pod, in the app, its Deployment and the resource tree's Pod
    live.tick();
    app = await get('/storefront-gateway');
    expect(app.status.health.status).toBe('Degraded');
    expect(app.status.health.message).toMatch(/degraded pod/);
    const tree = await get('/storefront-gateway/resource-tree');
    const pod = tree.nodes.find((n: any) => n.kind === 'Pod');
    expect(pod.health.status).toBe('Degraded');

    // 4: it recovers
    live.tick();
    app = await get('/storefront-gateway');
    expect(app.status.health).toEqual({ status: 'Healthy' });

    // 5: a new commit: out of sync toward a revision with its own metadata
    live.tick();
    app = await get('/search-indexer');
    expect(app.status.sync.status).toBe('OutOfSync');
    const next = app.status.sync.revision;
    expect(next).not.toBe(target);
    const commit = await get(`/search-indexer/revisions/${next}/metadata`);
    expect(commit).toEqual(prod.commits.get(next));
    expect(commit.message).toContain('search-indexer');

    // and round again: the next sync deploys that commit
    live.tick();
    live.tick();
    app = await get('/search-indexer');
    expect(app.status.history.at(-1).revision).toBe(next);
    expect(app.status.sync.status).toBe('Synced');
    expect(lines).toHaveLength(7);
    expect(lines[2]).toBe(
      'Argo CD live change: storefront-gateway on prod: Degraded (a degraded pod)',
    );
  });

  it('skips what the instances do not serve', () => {
    const live = new LiveChanges(new Map(), script(), { random: () => 0 });
    for (let i = 0; i < 5; i++) expect(live.tick().line).toBeUndefined();
  });

  it('plays the steps on timers with jittered delays until stopped', () => {
    jest.useFakeTimers();
    const lines: string[] = [];
    const live = new LiveChanges(new Map([['prod', prod]]), script(), {
      log: l => lines.push(l),
      random: () => 0,
    });
    live.start();
    jest.advanceTimersByTime(19_999); // the first step after the last step's delay (min 20 s)
    expect(lines).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(lines).toHaveLength(1);
    jest.advanceTimersByTime(3_000); // the sync runs 3 s at least
    expect(lines).toHaveLength(2);
    live.stop();
    jest.advanceTimersByTime(600_000);
    expect(lines).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });
});
