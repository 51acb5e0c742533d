import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  argocdApplicationSyncPermission,
  auditLogReadPermission,
  observabilityLogsReadPermission,
} from '@internal/plugin-portico-permissions-common';
import { CatalogPlatformRoles, readPlatformRoleGroups } from '@internal/plugin-portico-node';
import { PorticoPermissionPolicy } from './PorticoPermissionPolicy';

/** What the sign-in token says (`ent`): may include groups the IdP sent. */
const OWNERSHIP: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/platform-team', 'group:default/portico-admins'],
  'user:default/bob': ['user:default/bob', 'group:default/payments-team'],
  'user:default/erin': ['user:default/erin', 'group:default/auditors'],
  // Mallory's Dex token claims portico-admins and auditors; the catalog does not make her a member.
  'user:default/mallory': ['user:default/mallory', 'group:default/portico-admins', 'group:default/auditors'],
};

/** What the catalog holds: the User entities' memberOf relations. */
const CATALOG_MEMBERSHIP: Record<string, string[]> = {
  'user:default/alice': ['group:default/platform-team', 'group:default/portico-admins'],
  'user:default/bob': ['group:default/payments-team'],
  'user:default/erin': ['group:default/auditors'],
  'user:default/mallory': ['group:default/payments-team'],
};

const catalog = {
  async getEntityByRef(ref: any): Promise<Entity | undefined> {
    const groups = CATALOG_MEMBERSHIP[String(ref)];
    if (!groups) return undefined;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: String(ref).split('/')[1] },
      relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
    };
  },
};

const policy = new PorticoPermissionPolicy(
  new CatalogPlatformRoles({ catalog, groups: readPlatformRoleGroups(new ConfigReader({})) }),
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

  it('lets every signed-in user read entities', async () => {
    const bob = as('user:default/bob');
    expect((await policy.handle({ permission: catalogEntityReadPermission }, bob)).result).toBe(AuthorizeResult.ALLOW);
  });

  it('keeps registering and deleting catalog locations for admins', async () => {
    for (const permission of [catalogLocationCreatePermission, catalogLocationDeletePermission]) {
      expect((await policy.handle({ permission }, as('user:default/bob'))).result).toBe(AuthorizeResult.DENY);
      expect((await policy.handle({ permission }, as('user:default/mallory'))).result).toBe(AuthorizeResult.DENY);
      expect((await policy.handle({ permission }, as('user:default/alice'))).result).toBe(AuthorizeResult.ALLOW);
    }
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

  it('gives a scaffolder task (reading, cancelling it) to the user who started it: the scaffolder’s isTaskOwner condition', async () => {
    for (const permission of [taskReadPermission, taskCancelPermission]) {
      expect(await policy.handle({ permission }, as('user:default/bob'))).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-task',
        conditions: {
          rule: 'IS_TASK_OWNER',
          resourceType: 'scaffolder-task',
          params: { createdBy: ['user:default/bob'] },
        },
      });
      // Not the groups of the token, nor an auditor's role.
      expect((await policy.handle({ permission }, as('user:default/erin'))).result).toBe(AuthorizeResult.CONDITIONAL);
      expect((await policy.handle({ permission }, as('user:default/alice'))).result).toBe(AuthorizeResult.ALLOW);
    }
    // Starting a task is for every signed-in user (the templates' own steps check the owner).
    expect((await policy.handle({ permission: taskCreatePermission }, as('user:default/bob'))).result).toBe(AuthorizeResult.ALLOW);
  });

  it('allows admins everything, including the audit log and the Kubernetes proxy', async () => {
    const alice = as('user:default/alice');
    for (const permission of [argocdApplicationSyncPermission, auditLogReadPermission, createPermission({ name: 'kubernetes.proxy', attributes: {} })]) {
      expect((await policy.handle({ permission }, alice)).result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('grants admin and auditor rights only from catalog membership, not from token groups', async () => {
    const mallory = as('user:default/mallory');
    expect((await policy.handle({ permission: auditLogReadPermission }, mallory)).result).toBe(AuthorizeResult.DENY);
    expect((await policy.handle({ permission: createPermission({ name: 'kubernetes.proxy', attributes: {} }) }, mallory)).result).toBe(AuthorizeResult.DENY);
    expect((await policy.handle({ permission: argocdApplicationSyncPermission }, mallory)).result).toBe(AuthorizeResult.CONDITIONAL);
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
    const options = readPlatformRoleGroups(
      new ConfigReader({ portico: { access: { adminGroups: ['ops'], auditorGroups: ['group:security/compliance'] } } }),
    );
    expect([...options.adminGroups]).toEqual(['group:default/ops']);
    expect([...options.auditorGroups]).toEqual(['group:security/compliance']);
  });
});
