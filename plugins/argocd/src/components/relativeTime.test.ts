import { formatAge, relativeTime, shortRevision } from './relativeTime';

describe('relativeTime', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('formats ages in their largest whole unit', () => {
    expect(formatAge(12)).toBe('12 s');
    expect(formatAge(4 * 60 + 59)).toBe('4 min');
    expect(formatAge(2 * 3600 + 10)).toBe('2 h');
    expect(formatAge(3 * 86_400)).toBe('3 d');
    expect(formatAge(-5)).toBe('0 s');
  });

  it('says how long ago an ISO time was', () => {
    expect(relativeTime('2026-01-01T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2026-01-01T11:56:00Z', now)).toBe('4 min ago');
    expect(relativeTime('2025-12-29T12:00:00Z', now)).toBe('3 d ago');
    expect(relativeTime(undefined, now)).toBeUndefined();
    expect(relativeTime('not a date', now)).toBeUndefined();
  });

  it('shortens commit shas only', () => {
    expect(shortRevision('8f3c2a1d9e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a')).toBe(
      '8f3c2a1',
    );
    expect(shortRevision('v1.4.2')).toBe('v1.4.2');
    expect(shortRevision(undefined)).toBeUndefined();
  });
});
