import { matchesLabels, parseLabelSelector } from './labelSelector';

describe('label selectors', () => {
  it('parses equality, inequality, set and existence requirements', () => {
    expect(
      parseLabelSelector(
        'app.kubernetes.io/name=web, tier!=db,env in (prod, staging),!legacy,team',
      ),
    ).toEqual([
      { key: 'app.kubernetes.io/name', op: 'in', values: ['web'] },
      { key: 'tier', op: 'notin', values: ['db'] },
      { key: 'env', op: 'in', values: ['prod', 'staging'] },
      { key: 'legacy', op: '!exists' },
      { key: 'team', op: 'exists' },
    ]);
  });

  it.each([
    '',
    'a===b',
    'env in (prod',
    '../x=y',
    'a=b/c',
    'a=b,',
    'a\u0001=b',
    `x=${'v'.repeat(64)}`,
  ])('refuses %j', s => {
    expect(() => parseLabelSelector(s)).toThrow();
  });

  it('matches labels', () => {
    const r = parseLabelSelector('team=shop,env notin (dev),!legacy');
    expect(matchesLabels(r, { team: 'shop', env: 'prod' })).toBe(true);
    expect(matchesLabels(r, { team: 'shop' })).toBe(true);
    expect(matchesLabels(r, { team: 'shop', env: 'dev' })).toBe(false);
    expect(matchesLabels(r, { team: 'shop', legacy: 'y' })).toBe(false);
    expect(matchesLabels(r, { team: 'pay' })).toBe(false);
  });
});
