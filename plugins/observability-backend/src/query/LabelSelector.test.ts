import { LabelSelector } from './LabelSelector';
import { renderTemplate, templateProblem } from './renderTemplate';

describe('LabelSelector', () => {
  it('renders escaped equality matchers', () => {
    const selector = LabelSelector.of([
      { name: 'namespace', value: 'shop' },
      { name: 'app', value: 'a"} or vector(1)' },
    ]);
    expect(selector.toMatchers()).toBe(
      'namespace="shop",app="a\\"} or vector(1)"',
    );
  });

  it.each([
    [[{ name: '__name__', value: 'x' }], 'reserved'],
    [[{ name: 'app"', value: 'x' }], 'must match'],
    [[{ name: 'app', value: '' }], 'empty'],
    [[{ name: 'app', value: 'x'.repeat(1025) }], 'longer than 1024'],
    [[{ name: 'app', value: 'a\u0000' }], 'control characters'],
    [
      [
        { name: 'app', value: 'a' },
        { name: 'app', value: 'b' },
      ],
      'twice',
    ],
    [[], 'no labels'],
  ])('refuses %j', (matchers, message) => {
    expect(() => LabelSelector.of(matchers)).toThrow(message);
  });
});

describe('LabelSelector.scoped', () => {
  it('builds one equality matcher for one namespace, first', () => {
    const selector = LabelSelector.scoped(
      { name: 'namespace', values: ['shop'] },
      [{ name: 'app', value: 'checkout' }],
    );
    expect(selector.toMatchers()).toBe('namespace="shop",app="checkout"');
    expect(selector.values('namespace')).toEqual(['shop']);
  });

  it('builds a literal set matcher for several namespaces', () => {
    const selector = LabelSelector.scoped(
      { name: 'namespace', values: ['shop-2', 'shop', 'a.b'] },
      [{ name: 'app', value: 'x' }],
    );
    // metacharacters are escaped (then string-escaped): a.b matches only "a.b"
    expect(selector.toMatchers()).toBe(
      'namespace=~"a\\\\.b|shop|shop-2",app="x"',
    );
    expect(selector.values('namespace')).toEqual(['a.b', 'shop', 'shop-2']);
    expect(selector.get('namespace')).toBeUndefined();
  });

  it('allows no other matcher (the namespace alone), but not the set label again', () => {
    expect(
      LabelSelector.scoped(
        { name: 'namespace', values: ['shop'] },
        [],
      ).toMatchers(),
    ).toBe('namespace="shop"');
    expect(() =>
      LabelSelector.scoped({ name: 'namespace', values: ['a', 'b'] }, [
        { name: 'namespace', value: 'c' },
      ]),
    ).toThrow('twice');
    expect(() =>
      LabelSelector.scoped({ name: 'namespace', values: [] }, []),
    ).toThrow('no values');
  });
});

describe('templates', () => {
  const selector = LabelSelector.of([{ name: 'app', value: 'x' }]);

  it('fills placeholders in one pass, so a value cannot introduce another placeholder', () => {
    const tricky = LabelSelector.of([{ name: 'app', value: '$window' }]);
    expect(
      renderTemplate('rate(m{$selector}[$window]) * $quantile', {
        selector: tricky,
        windowSeconds: 90,
        quantile: '0.99',
      }),
    ).toBe('rate(m{app="$window"}[90s]) * 0.99');
    expect(renderTemplate('m{$selector}', { selector, windowSeconds: 1 })).toBe(
      'm{app="x"}',
    );
  });

  it('refuses templates without $selector or with unknown placeholders', () => {
    expect(templateProblem('sum(up)')).toContain('$selector');
    expect(templateProblem('m{$selector}[$range]')).toContain('$range');
    expect(templateProblem('m{$selector}[$window]')).toBeUndefined();
  });
});
