import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { FakeArgoCd } from '../testing/FakeArgoCd';
import { ArgoCdClient } from '../upstream/ArgoCdClient';
import { AppRowStore } from './AppRowStore';
import { refreshInstance } from './InstanceRefresher';
import { InstanceViews } from './InstanceViews';
import { ListParser } from './ListParser';
import { RevisionMetadataCache } from './RevisionMetadataCache';
import { SnapshotStore } from './SnapshotStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('snapshots on %p', databaseId => {
  let prod: FakeArgoCd;
  let staging: FakeArgoCd;
  let store: SnapshotStore;
  let rows: AppRowStore;
  let writer: InstanceViews;
  const logger = mockServices.logger.mock();
  const parser = new ListParser();

  beforeAll(async () => {
    prod = await FakeArgoCd.start({
      tokens: ['t'],
      apps: Array.from({ length: 50 }, (_, i) => ({
        name: `app-${i}`,
        labels: { team: `t${i % 5}` },
      })),
    });
    staging = await FakeArgoCd.start({
      users: { bot: 'pw' },
      apps: [{ name: 'app-1' }],
    });
    const knex = await databases.init(databaseId);
    const database: DatabaseService = { getClient: async () => knex };
    store = await SnapshotStore.create(database);
    rows = new AppRowStore(store.db);
    writer = new InstanceViews(store, rows, ['prod', 'staging'], logger);
  });
  afterAll(async () => {
    await parser.close();
    await prod.close();
    await staging.close();
  });

  const prodClient = () =>
    new ArgoCdClient(
      {
        name: 'prod',
        url: prod.url,
        uiUrl: 'https://prod.ui',
        auth: { kind: 'token', token: 't' },
      },
      2_000,
    );
  const stagingClient = new ArgoCdClient(
    {
      name: 'staging',
      url: '',
      uiUrl: 'https://staging.ui',
      auth: { kind: 'password', username: 'bot', password: 'pw' },
    },
    2_000,
  );

  /** One scheduled refresh of `client`'s instance by the writer replica. */
  const refresh = (client: ArgoCdClient, timeoutMs = 2_000) =>
    refreshInstance({
      client,
      store,
      rows,
      views: writer,
      parser,
      logger,
      timeoutMs,
    });

  it('stores field-selected application rows that every replica loads, keeps the last good data on failure', async () => {
    const client = prodClient();
    const sClient = new ArgoCdClient(
      { ...stagingClient.instance, url: staging.url },
      2_000,
    );
    await refresh(client);
    await refresh(sClient);
    expect(prod.listQueries[0].get('fields')).toContain('items.status.history');

    // every replica is its own process, with its own parser thread
    const replicaA = new InstanceViews(
      store,
      rows,
      ['prod', 'staging', 'never'],
      logger,
    );
    const replicaB = new InstanceViews(
      store,
      rows,
      ['prod', 'staging', 'never'],
      logger,
    );
    await replicaA.reload();
    await replicaB.reload();
    expect(replicaA.get('prod').index.size).toBe(50);
    expect(
      replicaB.get('prod').index.byAppName('app-7')[0].status.history,
    ).toHaveLength(3);
    expect(
      replicaB.get('prod').index.byAppName('app-7')[0].spec,
    ).not.toHaveProperty('syncPolicy');
    expect(replicaA.state('prod').status).toBe('ok');
    expect(replicaA.state('never')).toEqual({
      name: 'never',
      status: 'error',
      error: 'not fetched yet',
    });

    expect(writer.get('prod').index.size).toBe(50);

    // an unchanged list writes no row and only moves fetched_at; replicas keep their objects
    const seqBefore = replicaA.get('prod').seq;
    const app3 = replicaA.get('prod').index.findByName('app-3')[0];
    const fetchedBefore = replicaA.get('prod').fetchedAt!;
    await new Promise(r => setTimeout(r, 20));
    await refresh(client);
    await replicaA.reload();
    expect(replicaA.get('prod').seq).toBe(seqBefore);
    expect(replicaA.get('prod').index.findByName('app-3')[0]).toBe(app3);
    expect(replicaA.get('prod').fetchedAt!.getTime()).toBeGreaterThan(
      fetchedBefore.getTime(),
    );

    prod.fault = { kind: 'error', status: 503 };
    const failedAt = Date.now();
    await refresh(client);
    await replicaA.reload();
    const stale = replicaA.state('prod', failedAt + 240_000);
    expect(stale.status).toBe('stale');
    expect(stale.ageSeconds).toBeGreaterThanOrEqual(239);
    expect(stale.error).toMatch(/HTTP 503/);
    expect(replicaA.get('prod').index.size).toBe(50);
    expect(replicaA.state('staging').status).toBe('ok');

    prod.fault = { kind: 'timeout' };
    await refresh(client, 300);
    await replicaB.reload();
    expect(replicaB.state('prod').error).toMatch(/timed out/);
    expect(replicaB.get('prod').index.size).toBe(50);

    prod.fault = { kind: 'none' };
    const app7 = {
      writer: writer.get('prod').index.findByName('app-7')[0],
      replica: replicaB.get('prod').index.findByName('app-7')[0],
    };
    prod.deleteApp('app-0');
    prod.putApp({
      name: 'app-5',
      labels: { team: 't0' },
      healthStatus: 'Degraded',
    });
    await refresh(client);
    await replicaB.reload();
    expect(replicaB.state('prod').status).toBe('ok');
    for (const views of [writer, replicaB]) {
      const index = views.get('prod').index;
      expect(index.size).toBe(49);
      expect(index.byAppName('app-0')).toEqual([]);
      expect(index.byAppName('app-5')[0].status.health.status).toBe('Degraded');
    }
    // two changes: two rows after the last sequence; unchanged applications keep their objects
    // (and what was prepared from them) on every replica
    expect(replicaB.get('prod').seq).toBe(seqBefore + 2);
    expect(writer.get('prod').index.findByName('app-7')[0]).toBe(app7.writer);
    expect(replicaB.get('prod').index.findByName('app-7')[0]).toBe(
      app7.replica,
    );
  });

  it('logs in once, reuses the session token and logs in again after a 401', async () => {
    const sClient = new ArgoCdClient(
      { ...stagingClient.instance, url: staging.url },
      2_000,
    );
    staging.resetCounts();
    for (let i = 0; i < 3; i++) await refresh(sClient);
    expect(staging.count('session')).toBe(1);
    staging.expireSessions();
    await refresh(sClient);
    expect(staging.count('session')).toBe(2);
    expect(staging.count('unauthorized')).toBe(1);
    expect(staging.count('list')).toBe(4);
  });

  it('fetches revision metadata at most once per instance/app/revision, also across replicas', async () => {
    const clients = new Map([['prod', prodClient()]]);
    const a = new RevisionMetadataCache(store, clients);
    const b = new RevisionMetadataCache(store, clients);
    prod.resetCounts();
    const key = {
      instance: 'prod',
      appNamespace: 'argocd',
      appName: 'app-3',
      revision: 'abc123',
    };
    const [m1, m2] = await Promise.all([a.get(key), a.get(key)]);
    expect(m1).toEqual(m2);
    expect(m1?.author).toMatch(/ <[a-z]+@portico\.example>$/);
    await b.get(key);
    await a.get(key);
    expect(prod.count('revision-metadata')).toBe(1);
  });
});
