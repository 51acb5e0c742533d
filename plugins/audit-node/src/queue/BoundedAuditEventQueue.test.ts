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

describe('BoundedAuditEventQueue: events of sensitive actions', () => {
  const sensitive = (
    n: number,
    outcome: AuditRecord['outcome'] = 'succeeded',
  ): AuditRecord => ({
    ...record(n),
    eventId: `s${n}`,
    severity: 'high',
    outcome,
  });

  it('a flood of low events never drops a sensitive one; only low ones are dropped, and counted', () => {
    const queue = new BoundedAuditEventQueue({
      capacity: 3,
      logger: mockServices.logger.mock(),
    });
    queue.enqueue(sensitive(1));
    queue.enqueue({ ...sensitive(2), severity: 'medium' });
    for (let i = 10; i < 20; i++) queue.enqueue(record(i));
    // In enqueue order across both lanes; the oldest low events are the ones dropped.
    expect(ids(queue.drain(100))).toEqual(['s1', 's2', 'e17', 'e18', 'e19']);
    expect(queue.status().dropped).toBe(7);
    expect(queue.takeDropReport()?.count).toBe(7);
  });

  it('keeps sensitive events of a failed batch when requeued, dropping only low ones', () => {
    const queue = new BoundedAuditEventQueue({
      capacity: 2,
      logger: mockServices.logger.mock(),
    });
    queue.enqueue(record(1));
    queue.enqueue(sensitive(2));
    queue.enqueue(record(3));
    const batch = queue.drain(10);
    queue.enqueue(record(4));
    queue.enqueue(record(5));
    queue.requeueFront(batch);
    expect(ids(queue.drain(10))).toEqual(['s2', 'e4', 'e5']);
    expect(queue.status().dropped).toBe(2);
  });

  it('enqueueDurable resolves only once the writer has stored the record', async () => {
    const queue = new BoundedAuditEventQueue({
      capacity: 10,
      logger: mockServices.logger.mock(),
    });
    queue.attachWriter();
    const urgent = jest.fn();
    queue.onUrgent(urgent);
    let stored = false;
    const done = queue.enqueueDurable(sensitive(1)).then(() => {
      stored = true;
    });
    expect(urgent).toHaveBeenCalledTimes(1);
    await new Promise(r => setImmediate(r));
    expect(stored).toBe(false);
    const batch = queue.drain(10);
    queue.requeueFront(batch); // a failed write: still waiting
    await new Promise(r => setImmediate(r));
    expect(stored).toBe(false);
    queue.markWritten(queue.drain(10));
    await done;
    expect(stored).toBe(true);
  });

  it('refuses (503) when the record is not stored in time, and keeps it queued', async () => {
    const queue = new BoundedAuditEventQueue({
      capacity: 10,
      logger: mockServices.logger.mock(),
      durableTimeoutMs: 20,
    });
    queue.attachWriter();
    queue.recordWriteError(new Error('connection refused'));
    await expect(queue.enqueueDurable(sensitive(1))).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /could not be stored within 0.02 s \(connection refused\); it stays queued/,
      ),
    });
    expect(ids(queue.drain(10))).toEqual(['s1']);
  });

  it('refuses a new sensitive action while their lane is full, but never the outcome of an admitted one', async () => {
    const queue = new BoundedAuditEventQueue({
      capacity: 2,
      logger: mockServices.logger.mock(),
    });
    queue.attachWriter();
    void queue.enqueueDurable(sensitive(1, 'initiated')).catch(() => {});
    void queue.enqueueDurable(sensitive(2, 'initiated')).catch(() => {});
    await expect(
      queue.enqueueDurable(sensitive(3, 'initiated')),
    ).rejects.toThrow(
      /The audit log is not keeping up \(2 records of sensitive actions wait to be stored\); test.s3 is refused/,
    );
    const outcome = queue.enqueueDurable(sensitive(4, 'succeeded'));
    queue.markWritten(queue.drain(10));
    await expect(outcome).resolves.toBeUndefined();
  });

  it('does not wait when no writer (audit store) is attached', async () => {
    const queue = new BoundedAuditEventQueue({
      capacity: 2,
      logger: mockServices.logger.mock(),
    });
    await expect(queue.enqueueDurable(sensitive(1))).resolves.toBeUndefined();
    expect(queue.size()).toBe(1);
  });
});
