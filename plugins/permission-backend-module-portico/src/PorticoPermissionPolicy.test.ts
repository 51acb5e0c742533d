import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  argocdApplicationSyncPermission,
  auditLogReadPermission,
  observabilityLogsReadPermission,
} from '@internal/plugin-portico-permissions-common';
import { PorticoPermissionPolicy } from './PorticoPermissionPolicy';
import { readAccessOptions } from './accessOptions';

const OWNERSHIP: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/platform-team', 'group:default/portico-admins'],
  'user:default/bob': ['user:default/bob', 'group:default/payments-team'],
  'user:default/erin': ['user:default/erin', 'group:default/auditors'],
};

const userInfo = {
  async getUserInfo(credentials: any) {
    const ref = credentials.principal.userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: OWNERSHIP[ref] ?? [ref] };
  },
};

const policy = new PorticoPermissionPolicy(
  userInfo,
  readAccessOptions(new ConfigReader({})),
);
const as = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: OWNERSHIP[ref] ?? [ref] },
});

describe('PorticoPermissionPolicy', () => {
  it('denies everything when there is no user', async () => {
    expect(await policy.handle({ permission: catalogEntityReadPermission })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets every signed-in user read entities and register locations', async () => {
    const bob = as('user:default/bob');
    expect((await policy.handle({ permission: catalogEntityReadPermission }, bob)).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: catalogLocationCreatePermission }, bob)).result).toBe(AuthorizeResult.ALLOW);
  });

  it('makes acting on an entity conditional on owning it (user or group)', async () => {
    for (const permission of [catalogEntityDeletePermission, argocdApplicationSyncPermission, observabilityLogsReadPermission]) {
      const decision = await policy.handle({ permission }, as('user:default/bob'));
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: ['user:default/bob', 'group:default/payments-team'] },
        },
      });
    }
  });

  it('allows admins everything, including the audit log and the Kubernetes proxy', async () => {
    const alice = as('user:default/alice');
    for (const permission of [argocdApplicationSyncPermission, auditLogReadPermission, createPermission({ name: 'kubernetes.proxy', attributes: {} })]) {
      expect((await policy.handle({ permission }, alice)).result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('gives the audit log to auditors only', async () => {
    expect((await policy.handle({ permission: auditLogReadPermission }, as('user:default/erin'))).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: auditLogReadPermission }, as('user:default/bob'))).result).toBe(AuthorizeResult.DENY);
  });

  it('keeps direct cluster access (kubernetes.proxy) from non-admins', async () => {
    const proxy = createPermission({ name: 'kubernetes.proxy', attributes: {} });
    expect((await policy.handle({ permission: proxy }, as('user:default/bob'))).result).toBe(AuthorizeResult.DENY);
  });

  it('reads admin and auditor groups from config, as names or refs', () => {
    const options = readAccessOptions(
      new ConfigReader({ portico: { access: { adminGroups: ['ops'], auditorGroups: ['group:security/compliance'] } } }),
    );
    expect([...options.adminGroups]).toEqual(['group:default/ops']);
    expect([...options.auditorGroups]).toEqual(['group:security/compliance']);
  });
});
