import { parseTimeWindow } from './parseTimeWindow';

const limits = {
  maxRangeSeconds: 30 * 86400,
  minStepSeconds: 10,
  maxLogLines: 1000,
};
const at = { nowSeconds: 1_700_000_010, bucketSeconds: 15 };

describe('parseTimeWindow', () => {
  it('buckets preset ranges so that viewers in the same 15 s share a window', () => {
    const a = parseTimeWindow({ range: '1h' }, limits, at);
    const b = parseTimeWindow({ range: '1h' }, limits, {
      ...at,
      nowSeconds: at.nowSeconds + 7,
    });
    expect(a).toEqual(b);
    expect(a).toEqual({
      preset: '1h',
      start: 1_699_996_410,
      end: 1_700_000_010,
      step: 15,
    });
    expect(parseTimeWindow({}, limits, at).preset).toBe('1h');
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
  });

  it('has a few windows at any moment, whatever the callers send', () => {
    const windows = new Set<string>();
    for (let t = 0; t < 15; t++) {
      for (const range of ['15m', '1h', '6h', '24h', '7d']) {
        windows.add(
          JSON.stringify(
            parseTimeWindow({ range }, limits, {
              ...at,
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
