import { EXPORTED_SERVICES } from '@internal/plugin-observability-backend/testUtils';
import type { PeerOptions } from '../peerOptions';
import { peerContext } from './__testUtils__/context';
import { startObservabilityPeer } from './observability';

type Started = Awaited<ReturnType<typeof startObservabilityPeer>>;

const context = (options: PeerOptions) =>
  peerContext('http://localhost:7007', options);

/** `count by (app)` of the memory gauge at `time` (default now): pods per app. */
async function podsByApp(prometheusUrl: string, time?: number) {
  const params = new URLSearchParams({
    query: 'count by (app) (container_memory_working_set_bytes)',
  });
  if (time !== undefined) params.set('time', String(time));
  const res = await fetch(`${prometheusUrl}/api/v1/query?${params}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    data: {
      result: Array<{ metric: { app: string }; value: [number, string] }>;
    };
  };
  return Object.fromEntries(
    body.data.result.map(r => [r.metric.app, Number(r.value[1])]),
  );
}

describe('startObservabilityPeer with a workload (options.observability)', () => {
  let peer: Started | undefined;
  afterAll(() => peer?.stop());

  it("serves the caller's services with history back to the backfill start, not the demo's", async () => {
    const now = Math.floor(Date.now() / 1000);
    const fleet = { ...EXPORTED_SERVICES.checkout, app: 'fleet', replicas: 4 };
    peer = await startObservabilityPeer(
      context({
        observability: {
          services: [fleet, EXPORTED_SERVICES.payments],
          clock: { origin: now - 3 * 3600 },
          historyHours: 2,
          minSamples: 3,
        },
      }),
    );
    const { prometheusUrl } = peer.description;
    expect(peer.config).toMatchObject({
      observability: { prometheus: { url: prometheusUrl } },
    });

    // the two services (fleet over its 4 pods) and none of the example catalog's
    expect(await podsByApp(prometheusUrl)).toEqual({ fleet: 4, payments: 1 });
    // the rate the exporter's counters give, over the backfilled window (no wave: exact)
    const res = await fetch(
      `${prometheusUrl}/api/v1/query?${new URLSearchParams({
        query:
          'sum(rate(http_requests_total{namespace="shop",app="payments"}[5m] offset 90m))',
      })}`,
    );
    const rate = Number(
      ((await res.json()) as any).data.result[0]?.value[1] ?? NaN,
    );
    expect(rate).toBeCloseTo(
      EXPORTED_SERVICES.payments.okPerSecond +
        EXPORTED_SERVICES.payments.errorsPerSecond,
      6,
    );
    // samples back to the backfill start (2 hours ago), none before (the demo's are two days)
    expect(await podsByApp(prometheusUrl, now - 115 * 60)).toEqual({
      fleet: 4,
      payments: 1,
    });
    expect(await podsByApp(prometheusUrl, now - 130 * 60)).toEqual({});
  }, 60_000);
});
