import { formatMoney, formatValue } from './format';

describe('formatValue', () => {
  it.each([
    ['cores', 0.25, '250m'],
    ['cores', 1.5, '1.5 cores'],
    ['bytes', 268435456, '256 MiB'],
    ['bytes', 1.5 * 1024 ** 3, '1.5 GiB'],
    ['requests/s', 21.04, '21 req/s'],
    ['percent', 4.7619, '4.76 %'],
    ['seconds', 0.05, '50 ms'],
    ['seconds', 1.234, '1.23 s'],
    ['count', 3, '3'],
    ['count', null, '–'],
  ] as const)('%s %p -> %s', (unit, value, text) => {
    expect(formatValue(unit, value)).toBe(text);
  });

  it('formats money in the configured currency', () => {
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
  });
});
