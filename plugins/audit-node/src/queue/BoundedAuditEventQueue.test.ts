import { mockServices } from '@backstage/backend-test-utils';
import type { AuditRecord } from '../AuditRecord';
import { BoundedAuditEventQueue } from './BoundedAuditEventQueue';

function record(n: number): AuditRecord {
  return {
    time: new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString(),
    plugin: 'test',
    eventId: `e${n}`,
    severity: 'low',
    outcome: 'succeeded',
    actorType: 'anonymous',
    requestId: `r${n}`,
  };
}
const ids = (records: AuditRecord[]) => records.map(r => r.eventId);

describe('BoundedAuditEventQueue', () => {
  it('drains in order, in batches', () => {
    const queue = new BoundedAuditEventQueue({
      capacity: 10,
      logger: mockServices.logger.mock(),
    });
    for (let i = 1; i <= 5; i++) queue.enqueue(record(i));
    expect(ids(queue.drain(2))).toEqual(['e1', 'e2']);
    expect(ids(queue.drain(10))).toEqual(['e3', 'e4', 'e5']);
    expect(queue.drain(10)).toEqual([]);
  });

  it('when full drops the oldest, counts it and warns at most once per interval', () => {
    const logger = mockServices.logger.mock();
    let now = 1_000_000;
    const queue = new BoundedAuditEventQueue({
      capacity: 3,
      logger,
      dropWarningIntervalMs: 30_000,
      now: () => now,
    });
    for (let i = 1; i <= 6; i++) queue.enqueue(record(i));
    expect(ids(queue.drain(10))).toEqual(['e4', 'e5', 'e6']);
    expect(queue.status()).toMatchObject({
      buffered: 0,
      capacity: 3,
      dropped: 3,
    });
    expect(logger.warn).toHaveBeenCalledTimes(1);

    now += 31_000;
    for (let i = 7; i <= 11; i++) queue.enqueue(record(i));
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls[1][0]).toContain('dropped the 3 oldest');

    const report = queue.takeDropReport();
    expect(report).toEqual({
      count: 5,
      firstAt: new Date(1_000_000).toISOString(),
      lastAt: new Date(1_031_000).toISOString(),
    });
    expect(queue.takeDropReport()).toBeUndefined();
    queue.restoreDropReport(report!);
    expect(queue.takeDropReport()).toEqual(report);
  });

  it('requeues a failed batch at the front; the oldest of it drop when it does not fit', () => {
    const queue = new BoundedAuditEventQueue({
      capacity: 5,
      logger: mockServices.logger.mock(),
    });
    for (let i = 1; i <= 4; i++) queue.enqueue(record(i));
    const batch = queue.drain(3);
    queue.enqueue(record(5));
    queue.requeueFront(batch);
    expect(queue.status().dropped).toBe(0);
    expect(ids(queue.drain(10))).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);

    for (let i = 1; i <= 4; i++) queue.enqueue(record(i));
    const again = queue.drain(3);
    queue.enqueue(record(5));
    queue.enqueue(record(6));
    queue.enqueue(record(7));
    queue.requeueFront(again);
    expect(queue.status().dropped).toBe(2);
    expect(ids(queue.drain(10))).toEqual(['e3', 'e4', 'e5', 'e6', 'e7']);
  });

  it('tells a listener when a batch is ready and keeps write counters', () => {
    const queue = new BoundedAuditEventQueue({
      capacity: 100,
      logger: mockServices.logger.mock(),
    });
    const listener = jest.fn();
    const stop = queue.onThreshold(3, listener);
    for (let i = 1; i <= 4; i++) queue.enqueue(record(i));
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    queue.drain(10);
    for (let i = 1; i <= 4; i++) queue.enqueue(record(i));
    expect(listener).toHaveBeenCalledTimes(1);

    queue.recordWriteError(new Error('connection refused'));
    expect(queue.status().lastError).toBe('connection refused');
    queue.recordWritten(4, new Date('2024-05-01T00:00:00.000Z'));
    expect(queue.status()).toEqual({
      buffered: 4,
      capacity: 100,
      dropped: 0,
      written: 4,
      lastWriteAt: '2024-05-01T00:00:00.000Z',
    });
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(
      () =>
        new BoundedAuditEventQueue({
          capacity: 0,
          logger: mockServices.logger.mock(),
        }),
    ).toThrow(/audit.buffer.capacity/);
  });
});
