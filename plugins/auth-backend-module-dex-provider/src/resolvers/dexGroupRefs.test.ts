import { dexGroupRefs } from './dexGroupRefs';

describe('dexGroupRefs', () => {
  it('turns group names into group refs in the chosen namespace', () => {
    expect(
      dexGroupRefs(['Platform-Team', 'payments-team'], { namespace: 'default' }),
    ).toEqual(['group:default/platform-team', 'group:default/payments-team']);
  });

  it('drops values that cannot be entity names instead of guessing', () => {
    expect(
      dexGroupRefs(['../admin', 'a b', '', 42, 'x'.repeat(64), 'ok'], {
        namespace: 'default',
      }),
    ).toEqual(['group:default/ok']);
  });

  it('strips the connector prefix and ignores groups without it', () => {
    expect(
      dexGroupRefs(['acme:platform-team', 'other:payments-team'], {
        namespace: 'teams',
        stripPrefix: 'acme:',
      }),
    ).toEqual(['group:teams/platform-team']);
  });

  it('returns nothing when the claim is missing or not a list', () => {
    expect(dexGroupRefs(undefined, { namespace: 'default' })).toEqual([]);
    expect(dexGroupRefs('platform-team', { namespace: 'default' })).toEqual([]);
  });
});

describe('dexGroupRefs with the connectors of docker/dex/config.yaml', () => {
  it('maps GitHub org teams (teamNameField: slug → "<org>:<slug>") with the org prefix', () => {
    expect(
      dexGroupRefs(
        [
          'portico-org:payments-team',
          'portico-org:storefront-team',
          // another organisation the user belongs to: not the platform's teams
          'hobby-org:payments-team',
          // teamNameField: both also sends display names; they are not entity names
          'portico-org:Payments Team',
        ],
        { namespace: 'default', stripPrefix: 'portico-org:' },
      ),
    ).toEqual(['group:default/payments-team', 'group:default/storefront-team']);
  });

  it('maps LDAP group names (groupSearch nameAttr: cn) as they are, and drops DNs', () => {
    expect(
      dexGroupRefs(
        ['payments-team', 'Storefront-Team', 'cn=admins,ou=groups,dc=example,dc=com'],
        { namespace: 'default' },
      ),
    ).toEqual(['group:default/payments-team', 'group:default/storefront-team']);
  });
});
