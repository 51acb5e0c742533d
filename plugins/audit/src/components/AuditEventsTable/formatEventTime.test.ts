import { formatEventTime } from './formatEventTime';

describe('formatEventTime', () => {
  it('formats an instant in local time to the second', () => {
    const iso = new Date(2024, 2, 1, 9, 5, 7).toISOString();
    expect(formatEventTime(iso)).toBe('2024-03-01 09:05:07');
  });

  it('shows a value that is not a date as it is', () => {
    expect(formatEventTime('soon')).toBe('soon');
  });
});
