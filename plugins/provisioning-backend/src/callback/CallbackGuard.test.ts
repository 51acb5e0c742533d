import { mockServices } from '@backstage/backend-test-utils';
import { metrics } from '@opentelemetry/api';
import { CallbackGuard, WindowCounter } from './CallbackGuard';

// A meter provider that records what the guard counts (as an OpenTelemetry SDK would export).
const counted: Array<{ name: string; value: number; attributes: unknown }> = [];
metrics.setGlobalMeterProvider({
  getMeter: () =>
    ({
      createCounter: (name: string) => ({
        add: (value: number, attributes: unknown) =>
          counted.push({ name, value, attributes }),
      }),
    } as any),
});

describe('WindowCounter', () => {
  it('counts per key within a window and forgets the oldest keys past maxKeys', () => {
    let now = 0;
    const c = new WindowCounter({ windowMs: 1000, maxKeys: 3, now: () => now });
    expect(c.add('a')).toBe(1);
    expect(c.add('a')).toBe(2);
    now = 999;
    expect(c.count('a')).toBe(2);
    expect(c.retryAfterSeconds('a')).toBe(1);
    now = 1000;
    expect(c.count('a')).toBe(0);
    for (const k of ['b', 'c', 'd', 'e']) c.add(k);
    expect(c.size).toBe(3);
    expect(c.count('b')).toBe(0);
    expect(c.count('e')).toBe(1);
  });
});

describe('CallbackGuard', () => {
  const logger = mockServices.logger.mock();
  let now = 0;
  const guard = new CallbackGuard({
    perSourceIp: 3,
    perRun: 2,
    windowMs: 60_000,
    logger,
    maxKeys: 100,
    now: () => now,
  });

  it('counts refusals (metric and stats), logs once per address, never the token', () => {
    expect(
      guard.refused({ runId: 'r1', ip: '10.0.0.1', reason: 'unauthorized' }),
    ).toEqual({});
    expect(
      guard.refused({ runId: 'r1', ip: '10.0.0.1', reason: 'expired' }),
    ).toEqual({});
    expect(guard.stats()).toEqual({
      unauthorized: 1,
      expired: 1,
      'rate-limited': 0,
    });
    expect(counted).toEqual([
      {
        name: 'portico.provisioning.callback.refused',
        value: 1,
        attributes: { reason: 'unauthorized' },
      },
      {
        name: 'portico.provisioning.callback.refused',
        value: 1,
        attributes: { reason: 'expired' },
      },
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(String((logger.warn as jest.Mock).mock.calls[0][0])).toMatch(
      /^Refused a provisioning callback \(unauthorized\) for run r1 from 10\.0\.0\.1/,
    );
  });

  it('answers 429 per run past perRun, and per address past perSourceIp (before the lookup too)', () => {
    // Third refusal for r1 (perRun 2): 429, from a fresh address.
    expect(
      guard.refused({ runId: 'r1', ip: '10.0.0.2', reason: 'unauthorized' })
        .retryAfterSeconds,
    ).toBe(60);
    expect(guard.admit('10.0.0.1')).toEqual({});
    guard.refused({ runId: 'r2', ip: '10.0.0.1', reason: 'unauthorized' });
    // 10.0.0.1 has used its 3 refusals: it is not even looked up any more.
    now = 30_000;
    expect(guard.admit('10.0.0.1')).toEqual({ retryAfterSeconds: 30 });
    expect(guard.stats()['rate-limited']).toBe(1);
    expect(guard.admit('10.0.0.9')).toEqual({});
    now = 60_000;
    expect(guard.admit('10.0.0.1')).toEqual({});
  });

  it('remembers a bounded number of addresses and runs', () => {
    for (let i = 0; i < 500; i++) {
      guard.refused({
        runId: `run-${i}`,
        ip: `192.0.2.${i}`,
        reason: 'unauthorized',
      });
    }
    expect(guard.remembered()).toEqual({ sourceIps: 100, runs: 100 });
  });
});
