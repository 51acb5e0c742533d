import { TestDatabases } from '@backstage/backend-test-utils';
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import { FakeArgoCd } from '../testing/FakeArgoCd';
import { setHealth } from '../testing/fakeOperations';
import { startArgoReplica } from '../testing/startArgoTestReplica';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
type Replica = Awaited<ReturnType<typeof startArgoReplica>>;

/** How long until `probe` holds on this replica (polled every 25 ms). */
async function msUntil(probe: () => Promise<boolean>, limitMs = 5_000) {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > limitMs) return Infinity;
    await new Promise(r => setTimeout(r, 25));
  }
  return Date.now() - started;
}

const health = async (r: Replica, name: string) =>
  (await r.app(name))?.status?.health?.status;

describe.each(databases.eachSupportedId())(
  'watching Argo CD with two replicas on %p',
  databaseId => {
    let fake: FakeArgoCd;
    let replicas: Replica[];

    beforeAll(async () => {
      fake = await FakeArgoCd.start({
        tokens: ['t'],
        apps: Array.from({ length: 20 }, (_, i) => ({ name: `app-${i}` })),
      });
      const knex = await databases.init(databaseId);
      // short sessions: the watch is handed over (and resumed) several times in this test
      const argocd = { refresh: { session: { seconds: 3 } } };
      replicas = [];
      for (let i = 0; i < 2; i++)
        replicas.push(await startArgoReplica({ knex, fake, argocd }));
      await waitFor(
        'both replicas serving the first list',
        async () =>
          (await Promise.all(replicas.map(r => r.app('app-1')))).every(Boolean),
        { timeoutMs: 20_000, intervalMs: 50 },
      );
    });
    afterAll(async () => {
      await Promise.all(replicas.map(r => r.stop()));
      await fake.close();
    });

    it('applies ADDED, MODIFIED and DELETED on both replicas within a second, through one watch', async () => {
      await waitFor('the watch open', () => fake.watch.open === 1, {
        timeoutMs: 10_000,
      });
      expect(fake.count('list')).toBe(1);
      const watching = () =>
        waitFor('the watch open', () => fake.watch.open === 1, {
          timeoutMs: 10_000,
          intervalMs: 5,
        });
      await watching();
      fake.putApp({ name: 'new-app' });
      const added = await Promise.all(
        replicas.map(r => msUntil(async () => Boolean(await r.app('new-app')))),
      );
      await watching();
      setHealth(fake.apps.get('argocd/app-3')!, 'Degraded');
      fake.changed('app-3');
      const modified = await Promise.all(
        replicas.map(r =>
          msUntil(async () => (await health(r, 'app-3')) === 'Degraded'),
        ),
      );
      await watching();
      fake.deleteApp('app-4');
      const deleted = await Promise.all(
        replicas.map(r => msUntil(async () => !(await r.app('app-4')))),
      );
      console.log(
        `watch: added ${added}, modified ${modified}, deleted ${deleted} ms`,
      );
      for (const ms of [...added, ...modified, ...deleted])
        expect(ms).toBeLessThanOrEqual(1_000);
      expect(fake.watch.open).toBe(1);
      expect(fake.count('list')).toBe(1);
    });

    it('resumes after a break and across sessions without listing again', async () => {
      fake.resetCounts();
      fake.watch.breakAll();
      setHealth(fake.apps.get('argocd/app-5')!, 'Degraded');
      fake.changed('app-5');
      for (const r of replicas) {
        expect(
          await msUntil(async () => (await health(r, 'app-5')) === 'Degraded'),
        ).toBeLessThanOrEqual(2_000);
      }
      // more than one 3 s session: each next one resumes from the stored resourceVersion
      await new Promise(r => setTimeout(r, 7_000));
      setHealth(fake.apps.get('argocd/app-5')!, 'Healthy');
      fake.changed('app-5');
      for (const r of replicas) {
        expect(
          await msUntil(async () => (await health(r, 'app-5')) === 'Healthy'),
        ).toBeLessThanOrEqual(3_000);
      }
      expect(fake.count('watch')).toBeGreaterThanOrEqual(3);
      expect(fake.count('list')).toBe(0);
      expect(fake.watch.open).toBeLessThanOrEqual(1);
    });

    it('publishes one signal per coalesced batch on each replica, after it has the change', async () => {
      const before = replicas.map(r => r.signals.length);
      for (const i of [6, 7, 8]) {
        setHealth(fake.apps.get(`argocd/app-${i}`)!, 'Progressing');
        fake.changed(`app-${i}`);
      }
      for (const r of replicas) {
        await waitFor(
          'the three changes applied',
          async () => (await health(r, 'app-8')) === 'Progressing',
          { timeoutMs: 3_000, intervalMs: 20 },
        );
      }
      await new Promise(r => setTimeout(r, 600));
      replicas.forEach((r, i) => {
        const sent = r.signals.slice(before[i]);
        expect(sent).toHaveLength(1);
        expect(sent[0]).toMatchObject({
          recipients: { type: 'broadcast' },
          channel: 'argocd:applications',
          message: { type: 'applications-changed', instances: ['prod'] },
        });
        expect(
          (sent[0].message as any).applications.map((a: any) => a.name).sort(),
        ).toEqual(['app-6', 'app-7', 'app-8']);
      });
    });

    it('lists again after a 410 (the watch cannot resume)', async () => {
      fake.fault = { kind: 'down' };
      fake.watch.breakAll();
      fake.resetCounts();
      // more changes than the fake keeps: resuming from before them answers 410
      for (let i = 0; i < 1001; i++) fake.changed('app-9');
      setHealth(fake.apps.get('argocd/app-9')!, 'Missing');
      fake.changed('app-9');
      fake.fault = { kind: 'none' };
      for (const r of replicas) {
        await waitFor(
          'the relisted change',
          async () => (await health(r, 'app-9')) === 'Missing',
          { timeoutMs: 15_000, intervalMs: 50 },
        );
      }
      expect(fake.count('list')).toBe(1);
      await waitFor('the watch open again', () => fake.watch.open === 1, {
        timeoutMs: 10_000,
      });
    });

    it('hands the watch to the replica left when one stops', async () => {
      await replicas[0].stop();
      fake.resetCounts();
      await new Promise(r => setTimeout(r, 500));
      setHealth(fake.apps.get('argocd/app-10')!, 'Degraded');
      fake.changed('app-10');
      expect(
        await msUntil(
          async () => (await health(replicas[1], 'app-10')) === 'Degraded',
          8_000,
        ),
      ).toBeLessThanOrEqual(8_000);
      await waitFor('one watch open', () => fake.watch.open === 1, {
        timeoutMs: 10_000,
      });
      expect(fake.count('list')).toBe(0);
      replicas.shift();
    });
  },
);
