import { parseTimeWindow } from './parseTimeWindow';

const limits = {
  maxRangeSeconds: 30 * 86400,
  maxPoints: 11000,
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
    expect(parseTimeWindow({ range: '7d' }, limits, at).step).toBe(2520);
    expect(parseTimeWindow({}, limits, at).preset).toBe('1h');
  });

  it('accepts a bounded custom window', () => {
    expect(
      parseTimeWindow({ start: '100', end: '700', step: '60' }, limits, at),
    ).toEqual({
      start: 100,
      end: 700,
      step: 60,
    });
  });

  it.each([
    [{ range: '2h' }, 'range must be one of'],
    [{ range: '1h', step: '10' }, 'either range'],
    [{ start: '0', end: String(31 * 86400), step: '3600' }, 'limit of 30d'],
    [{ start: '0', end: '100', step: '5' }, 'limit of 10s'],
    [{ start: '0', end: String(2 * 86400), step: '10' }, 'limit of 11000'],
    [{ start: '100', end: '100', step: '10' }, 'after start'],
    [{ start: 'x', end: '100', step: '10' }, 'start must be'],
    [{ start: '0', end: '100', step: '1.5' }, 'step must be'],
  ])('refuses %j', (query, message) => {
    expect(() => parseTimeWindow(query, limits, at)).toThrow(message);
  });
});
