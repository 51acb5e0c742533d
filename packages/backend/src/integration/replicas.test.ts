/*
 * Two replicas of the whole Portico backend on one PostgreSQL (the same database connection and
 * prefix), with the same peers, as production runs several behind one Service (issue 17):
 *
 * - at-most-once scheduling: argocd-backend watches each Argo CD instance in a task of scope
 *   `global`, listing it in full every 2 s (argocd.refresh.resync in harness/testConfig.ts); the fake Argo CD counts
 *   the list calls. With one replica up, that is about one per period; with two, still at most one
 *   per period across both (two independent schedules would give about twice the one replica's);
 * - graceful shutdown: a request in flight on the replica being stopped (held at the Prometheus
 *   upstream while the replica shuts down) completes with 200, the stopped replica refuses
 *   connections, the other one answers 200 throughout and keeps running the global task.
 */
import { waitFor } from '@internal/plugin-portico-node/testUtils';
import { PorticoTestBackend, startPorticoTestBackend } from './harness';

jest.setTimeout(240_000);

/** argocd.refresh.frequency of the harness's configuration. */
const PERIOD_MS = 2_000;
/** Each counting window: enough periods for "twice as many" to stand out from one extra run. */
const WINDOW_MS = 12_000;
const PERIODS = WINDOW_MS / PERIOD_MS;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const STATUS = '/api/argocd/entities/component/default/svc-a';
const SLOW =
  '/api/observability/entities/component/default/svc-a/metrics?signals=cpu&range=1h';

/** What a replica says about svc-a's applications, without the time it read them. */
function applications(body: any) {
  return JSON.stringify(body, (key, value) =>
    /^(fetchedAt|refreshedAt|updatedAt|generatedAt|now|age)$/.test(key)
      ? undefined
      : value,
  );
}

/** The replica's answer to a new connection: an HTTP status, or the connection error's code. */
async function probe(
  b: PorticoTestBackend,
  path = '/.backstage/health/v1/liveness',
) {
  try {
    return (await fetch(`${b.baseUrl}${path}`)).status;
  } catch (error) {
    return String(
      (error as { cause?: { code?: string } }).cause?.code ?? error,
    );
  }
}

describe('two replicas on one PostgreSQL', () => {
  let first: PorticoTestBackend;
  let second: PorticoTestBackend;
  let oneReplica: number;
  const lists = () => first.argocd.count('list');
  const listsOver = async (ms: number) => {
    const before = await lists();
    await sleep(ms);
    return (await lists()) - before;
  };

  beforeAll(async () => {
    first = await startPorticoTestBackend();
    oneReplica = await listsOver(WINDOW_MS);
    second = await startPorticoTestBackend({ replicaOf: first });
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('runs the global Argo CD refresh at most once per period across both, and both serve its snapshot', async () => {
    // The premise: one replica runs it about once per period (at least PERIODS - 2), so two
    // independent schedules would run it at least 2 * (PERIODS - 2) times, more than the bound
    // below allows (measured with scope 'local': 12 list calls in 6 periods).
    expect(oneReplica).toBeGreaterThanOrEqual(PERIODS - 2);
    const both = await listsOver(WINDOW_MS);
    console.log(
      `replicas: ${PERIODS} periods: one replica ${oneReplica} list calls, two replicas ${both}`,
    );
    expect(both).toBeGreaterThanOrEqual(PERIODS / 2);
    expect(both).toBeLessThanOrEqual(PERIODS + 1);

    const [a, b] = await Promise.all(
      [first, second].map(r => r.request('alice-dev', 'GET', STATUS)),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.text).toContain('svc-a');
    await waitFor(
      'both replicas serving the same snapshot',
      async () => {
        const [x, y] = await Promise.all(
          [first, second].map(r => r.request('alice-dev', 'GET', STATUS)),
        );
        return applications(x.body) === applications(y.body);
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
  });

  it('lets a stopping replica finish its request in flight, then refuses it, while the other answers throughout', async () => {
    const statuses: Array<number | string> = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        statuses.push((await first.request('alice-dev', 'GET', STATUS)).status);
        await sleep(200);
      }
    })();

    const hold = first.observability.holdPrometheus();
    const started = Date.now();
    const inFlight = second.request('alice-dev', 'GET', SLOW);
    await waitFor('the request held at Prometheus', () => hold.waiting() > 0, {
      timeoutMs: 20_000,
    });
    const stopping = second.stop();
    // Held until the replica stops accepting connections (or, at the latest, well within the
    // observability backend's 5 s upstream timeout).
    const refusedWhileInFlight = await waitFor(
      'the stopping replica refusing new connections',
      async () =>
        (await probe(second)) === 'ECONNREFUSED'
          ? true
          : Date.now() - started > 3_500 && 'timeout',
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    hold.release();
    const res = await inFlight;
    await stopping;
    console.log(
      `replicas: in-flight request ${res.status} after ${
        Date.now() - started
      } ms; refused while in flight: ${refusedWhileInFlight}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toBeTruthy();
    expect(await probe(second)).toBe('ECONNREFUSED');
    expect(await probe(second, STATUS)).toBe('ECONNREFUSED');

    await sleep(1_000);
    polling = false;
    await poller;
    expect(statuses.length).toBeGreaterThan(3);
    expect(statuses.filter(s => s !== 200)).toEqual([]);
  });

  it('keeps the global task running on the replica left', async () => {
    const left = await listsOver(WINDOW_MS);
    console.log(
      `replicas: after the stop, ${left} list calls in ${PERIODS} periods`,
    );
    expect(left).toBeGreaterThanOrEqual(PERIODS - 2);
    expect(left).toBeLessThanOrEqual(PERIODS + 1);
    expect((await first.request('alice-dev', 'GET', STATUS)).status).toBe(200);
  });
});
