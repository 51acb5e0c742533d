import { dateTimeLocalToIso, isoToDateTimeLocal } from './dateTimeLocal';

describe('dateTimeLocal', () => {
  it('round-trips a local date and time through ISO', () => {
    const iso = dateTimeLocalToIso('2024-03-01T10:30');
    expect(iso).toMatch(/^2024-0[23]-\d\dT\d\d:\d\d:00\.000Z$/);
    expect(isoToDateTimeLocal(iso)).toBe('2024-03-01T10:30');
  });

  it('gives nothing for empty or bad values', () => {
    expect(dateTimeLocalToIso('')).toBeUndefined();
    expect(dateTimeLocalToIso('yesterday')).toBeUndefined();
    expect(isoToDateTimeLocal(undefined)).toBe('');
    expect(isoToDateTimeLocal('garbage')).toBe('');
  });
});
