import { escapeLabelValue, quoteLabelValue } from './escapeLabelValue';

describe('escapeLabelValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a"b', 'a\\"b'],
    ['a\\b', 'a\\\\b'],
    ['a\\"}', 'a\\\\\\"}'],
    ['line\nbreak', 'line\\nbreak'],
    ['cr\r tab\t', 'cr\\r tab\\t'],
    ['ünïcødé ✓', 'ünïcødé ✓'],
  ])('%j -> %j', (value, escaped) => {
    expect(escapeLabelValue(value)).toBe(escaped);
  });

  it('gives a literal that JSON (a superset of these Go escapes) reads back unchanged', () => {
    for (const value of ['"}', '\\', '\\"', 'x\n"y"\\', '"} or vector(1) #']) {
      expect(JSON.parse(quoteLabelValue(value))).toBe(value);
    }
  });
});
