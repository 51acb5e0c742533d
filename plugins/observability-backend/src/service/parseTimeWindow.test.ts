import { parseTimeWindow } from './parseTimeWindow';

const limits = {
  maxRangeSeconds: 30 * 86400,
  minStepSeconds: 10,
  maxLogLines: 1000,
};
/** A multiple of 15 and of 90 (the 15m/1h and 6h steps). */
const at = { nowSeconds: 1_700_000_010 };

describe('parseTimeWindow', () => {
  it('ends a window on a step boundary, so that viewers within one step share it', () => {
    const a = parseTimeWindow({ range: '1h' }, limits, at);
    const b = parseTimeWindow({ range: '1h' }, limits, {
      nowSeconds: at.nowSeconds + 14,
    });
    expect(a).toEqual(b);
    expect(a).toEqual({
      preset: '1h',
      start: 1_699_996_410,
      end: 1_700_000_010,
      step: 15,
    });
    // the next step is a new window
    expect(
      parseTimeWindow({ range: '1h' }, limits, {
        nowSeconds: at.nowSeconds + 15,
      }).end,
    ).toBe(1_700_000_025);
    expect(parseTimeWindow({}, limits, at).preset).toBe('1h');
    // 6h steps by 90 s: one window from 1_700_000_010 (a multiple of 90) to 89 s later
    const six = parseTimeWindow({ range: '6h' }, limits, {
      nowSeconds: 1_700_000_099,
    });
    expect(six).toMatchObject({ end: 1_700_000_010, step: 90 });
    expect(
      parseTimeWindow({ range: '6h' }, limits, { nowSeconds: 1_700_000_100 })
        .end,
    ).toBe(1_700_000_100);
  });

  it.each(['15m', '1h', '6h', '24h', '7d'])(
    '%s: the newest point is at most one step old, on a step boundary, the range whole steps',
    range => {
      for (let t = 1_700_000_000; t < 1_700_000_000 + 2 * 2520; t += 7) {
        const w = parseTimeWindow({ range }, limits, { nowSeconds: t });
        expect(w.end % w.step).toBe(0);
        expect(t - w.end).toBeGreaterThanOrEqual(0);
        expect(t - w.end).toBeLessThan(w.step);
        expect((w.end - w.start) % w.step).toBe(0);
      }
    },
  );

  it('ends a window without a step (logs) on its own bucket', () => {
    const logs = parseTimeWindow({ range: '7d' }, limits, {
      nowSeconds: 1_700_000_029,
      endBucketSeconds: 15,
    });
    expect(logs.end).toBe(1_700_000_025);
    expect(logs.end - logs.start).toBe(7 * 86400);
  });

  it('chooses the step of every preset from a fixed set, never finer than minStepSeconds', () => {
    const steps = ['15m', '1h', '6h', '24h', '7d'].map(
      range => parseTimeWindow({ range }, limits, at).step,
    );
    expect(steps).toEqual([15, 15, 90, 360, 2520]);
    expect(
      parseTimeWindow({ range: '15m' }, { ...limits, minStepSeconds: 60 }, at)
        .step,
    ).toBe(60);
    // the backend's own step (the overview card's)
    expect(
      parseTimeWindow({ range: '1h' }, limits, { ...at, stepSeconds: 60 }).step,
    ).toBe(60);
    // ... whose window ends on its own step boundary
    expect(
      parseTimeWindow({ range: '1h' }, limits, {
        nowSeconds: 1_700_000_159,
        stepSeconds: 60,
      }),
    ).toMatchObject({ start: 1_699_996_500, end: 1_700_000_100, step: 60 });
  });

  it('has a few windows at any moment, whatever the callers send', () => {
    const windows = new Set<string>();
    for (let t = 0; t < 15; t++) {
      for (const range of ['15m', '1h', '6h', '24h', '7d']) {
        windows.add(
          JSON.stringify(
            parseTimeWindow({ range }, limits, {
              nowSeconds: 1_700_000_010 + t,
            }),
          ),
        );
      }
    }
    expect(windows.size).toBe(5);
  });

  it.each([
    [{ range: '2h' }, 'range must be one of 15m, 1h, 6h, 24h, 7d'],
    [{ range: ['1h'] }, 'range must be one of'],
    [{ range: '1h', step: '10' }, 'step is not accepted'],
    [{ start: '100', end: '700', step: '60' }, 'start is not accepted'],
    [
      { end: '700' },
      'end is not accepted: the window is chosen by the backend',
    ],
  ])('refuses %j', (query, message) => {
    expect(() => parseTimeWindow(query, limits, at)).toThrow(message);
  });

  it('refuses a preset wider than maxRangeSeconds, naming the limit', () => {
    expect(() =>
      parseTimeWindow(
        { range: '7d' },
        { ...limits, maxRangeSeconds: 86400 },
        at,
      ),
    ).toThrow(
      'range 7d is wider than the limit of 1d (observability.limits.maxRangeSeconds)',
    );
  });
});
