/*
 * The organisation the attack suite and the access matrix run against: two teams with their
 * services, an admin and an auditor, as the catalog holds them (the platform's org location) and
 * as the Dex-like OIDC provider signs them in.
 */

export interface OrgUser {
  email: string;
  name: string;
  /** Catalog groups the User entity is a member of (spec.memberOf). */
  memberOf: string[];
  /** Groups the OIDC provider puts in the `groups` claim (connector prefix included). */
  dexGroups: string[];
}

/** The connector prefix the Dex GitHub connector puts on every group (`<org>:<team>`). */
export const DEX_GROUP_PREFIX = 'portico-org:';

export const ORG_USERS: Record<string, OrgUser> = {
  'alice-dev': {
    email: 'alice-dev@portico.example',
    name: 'Alice (team-a)',
    memberOf: ['team-a'],
    dexGroups: [`${DEX_GROUP_PREFIX}team-a`],
  },
  'dan-dev': {
    email: 'dan-dev@portico.example',
    name: 'Dan (team-a)',
    memberOf: ['team-a'],
    dexGroups: [`${DEX_GROUP_PREFIX}team-a`],
  },
  'bob-dev': {
    email: 'bob-dev@portico.example',
    name: 'Bob (team-b)',
    memberOf: ['team-b'],
    dexGroups: [`${DEX_GROUP_PREFIX}team-b`],
  },
  'ada-admin': {
    email: 'ada-admin@portico.example',
    name: 'Ada (admin)',
    memberOf: ['portico-admins', 'platform-team'],
    dexGroups: [`${DEX_GROUP_PREFIX}platform-team`],
  },
  'erin-auditor': {
    email: 'erin-auditor@portico.example',
    name: 'Erin (auditor)',
    memberOf: ['auditors'],
    dexGroups: [],
  },
};

/** The password the Dex-like provider checks for a user of the org (test-only). */
export const orgPassword = (login: string) => `${login}-security-checks`;

export const ORG_GROUPS = ['team-a', 'team-b', 'platform-team', 'portico-admins', 'auditors'];

/** Namespaces each team holds (the platform's fact; `portico.teamNamespaces.static`). */
export const TEAM_NAMESPACES: Record<string, string[]> = {
  'team-a': ['svc-a', 'svc-a-staging'],
  'team-b': ['svc-b'],
};

const yamlDocs = (docs: object[]) => docs.map(d => JSON.stringify(d)).join('\n---\n');

/** The platform's org location: Users and Groups. */
export function orgCatalogYaml(): string {
  return yamlDocs([
    ...ORG_GROUPS.map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name },
      spec: { type: 'team', children: [] },
    })),
    ...Object.entries(ORG_USERS).map(([name, u]) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name },
      spec: { profile: { email: u.email, displayName: u.name }, memberOf: u.memberOf },
    })),
  ]);
}

/** Entities of team-a that tests may try to delete, one per caller. */
export const SPARE_ENTITIES = ['spare-1', 'spare-2', 'spare-3', 'spare-4', 'spare-5', 'spare-6', 'spare-7', 'spare-8', 'spare-9'];

/** The Grafana dashboard of team-b that team-a must not see through the portal. */
export const FOREIGN_DASHBOARD_UID = 'team-b-billing';

const component = (name: string, owner: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/**
 * The services, as their teams' repositories describe them (a developer writes every annotation
 * here): team-b's service, team-a's own, and team-a's entities whose annotations point at team-b.
 */
export function servicesCatalogYaml(grafanaUrl: string): string {
  return yamlDocs([
    component('svc-a', 'group:default/team-a', {
      'argocd/app-name': 'svc-a',
      'backstage.io/kubernetes-namespace': 'svc-a',
    }),
    component('svc-b', 'group:default/team-b', {
      'argocd/app-name': 'svc-b',
      'backstage.io/kubernetes-namespace': 'svc-b',
    }),
    component('alice-tool', 'user:default/alice-dev', { 'argocd/app-name': 'svc-a' }),
    // team-a's spare entities: what a delete that should have been refused may destroy.
    ...SPARE_ENTITIES.map(name => component(name, 'group:default/team-a')),
    // team-a's entity naming team-b's application and namespace.
    component('a-points-at-b', 'group:default/team-a', {
      'argocd/app-name': 'svc-b',
      'backstage.io/kubernetes-namespace': 'svc-b',
      'backstage.io/kubernetes-id': 'svc-b',
    }),
    // team-a's entity whose selector matches every application.
    component('a-selects-all', 'group:default/team-a', {
      'argocd/app-selector': '!nonexistent',
    }),
    // team-a's entity whose Prometheus selector names team-b's namespace.
    component('a-selector-b', 'group:default/team-a', {
      'portico.io/prometheus-selector': 'namespace=svc-b,app=svc-b',
    }),
    // team-a's entity embedding a dashboard of team-b's that the platform does not list for team-a.
    component('a-dashboard-b', 'group:default/team-a', {
      'backstage.io/kubernetes-namespace': 'svc-a',
      'grafana/dashboard-url': `${grafanaUrl}/d/${FOREIGN_DASHBOARD_UID}/billing`,
      'portico.io/grafana-panel-ids': '2:Revenue',
    }),
  ]);
}
