import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { CatalogPlatformRoles, readPlatformRoleGroups } from './platformRoles';

const user = (name: string, memberOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
  relations: memberOf.map(targetRef => ({ type: 'memberOf', targetRef })),
});

const ENTITIES: Record<string, Entity> = {
  'user:default/alice': user('alice', ['group:default/portico-admins', 'group:default/platform-team']),
  'user:default/erin': user('erin', ['group:default/auditors']),
  'user:default/bob': user('bob', ['group:default/payments-team']),
};

function setup(config: object = {}) {
  const calls: string[] = [];
  const catalog = {
    async getEntityByRef(ref: any) {
      calls.push(String(ref));
      return ENTITIES[String(ref)];
    },
  };
  let now = 0;
  const roles = new CatalogPlatformRoles({
    catalog,
    groups: readPlatformRoleGroups(new ConfigReader(config)),
    now: () => now,
  });
  return { roles, calls, tick: (ms: number) => (now += ms) };
}

describe('CatalogPlatformRoles', () => {
  it('answers admin and auditor from the User entity’s memberOf relations in the catalog', async () => {
    const { roles } = setup();
    await expect(roles.rolesOf(mockCredentials.user('user:default/alice'))).resolves.toEqual({
      userEntityRef: 'user:default/alice',
      groups: ['group:default/platform-team', 'group:default/portico-admins'],
      isAdmin: true,
      isAuditor: true,
    });
    await expect(roles.isAuditor(mockCredentials.user('user:default/erin'))).resolves.toBe(true);
    await expect(roles.isAdmin(mockCredentials.user('user:default/erin'))).resolves.toBe(false);
    await expect(roles.isAdmin(mockCredentials.user('user:default/bob'))).resolves.toBe(false);
  });

  it('ignores groups that only the sign-in token claims (a Dex group named portico-admins)', async () => {
    const { roles } = setup();
    // bob's token may carry group:default/portico-admins in `ent` (from the IdP); the catalog does not.
    const credentials = mockCredentials.user('user:default/bob');
    await expect(roles.isAdmin(credentials)).resolves.toBe(false);
  });

  it('gives no role to a user without a User entity, or to a service', async () => {
    const { roles } = setup();
    await expect(roles.rolesOf(mockCredentials.user('user:development/guest'))).resolves.toMatchObject({
      groups: [],
      isAdmin: false,
      isAuditor: false,
    });
    await expect(roles.isAdmin(mockCredentials.service('external:ci'))).resolves.toBe(false);
    await expect(roles.isAdmin(mockCredentials.none())).resolves.toBe(false);
  });

  it('reads the admin and auditor groups from config (names or refs)', async () => {
    const { roles } = setup({
      portico: { access: { adminGroups: ['payments-team'], auditorGroups: ['group:default/nobody'] } },
    });
    await expect(roles.isAdmin(mockCredentials.user('user:default/bob'))).resolves.toBe(true);
    await expect(roles.isAdmin(mockCredentials.user('user:default/alice'))).resolves.toBe(false);
    await expect(roles.isAuditor(mockCredentials.user('user:default/erin'))).resolves.toBe(false);
  });

  it('caches a user’s membership briefly, then reads it again', async () => {
    const { roles, calls, tick } = setup();
    const alice = mockCredentials.user('user:default/alice');
    await roles.isAdmin(alice);
    await roles.isAuditor(alice);
    expect(calls).toEqual(['user:default/alice']);
    tick(11_000);
    await roles.isAdmin(alice);
    expect(calls).toEqual(['user:default/alice', 'user:default/alice']);
  });
});
