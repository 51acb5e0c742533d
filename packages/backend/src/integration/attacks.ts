/*
 * The attack rows of issue 12: what a developer of team-a (alice-dev), signed in for real, or a
 * service credential, tries against team-b's services (svc-b, namespace svc-b, Argo CD application
 * svc-b) — and what the backend must answer. A new attack is a new row; attacks.test.ts runs them.
 *
 * Placeholders in requests: `$gitHost` (the loopback Git server as repoHost names it), `$gitUrl`,
 * `$argo` (the Argo CD instance), `$uid:<entity ref>` (an entity's uid), `$location:<target part>`
 * (the id of the location whose target contains it), `$run` (a provisioning run of team-a's),
 * `$task` (a scaffolder task bob-dev of team-b started).
 */
import type { Caller } from './harness/startPortico';

/** The classes of issue 12 ("What must hold when this is done"). */
export type AttackClass =
  | 'reserved-namespace'
  | 'foreign-namespace'
  | 'provisioning-parameters'
  | 'gitops-commit'
  | 'argocd-action'
  | 'observability-scope'
  | 'grafana-dashboard'
  | 'secret-scope'
  | 'catalog-registration'
  | 'principals'
  | 'task-ownership'
  | 'callback'
  | 'roadie-leak';

export type AttackRequest =
  | { kind: 'http'; method: string; path: string; body?: unknown }
  /** POST /api/scaffolder/v2/dry-run of a template of templates/ (its files as the editor sends them). */
  | { kind: 'dry-run'; template: string; values: Record<string, unknown> }
  /** POST /api/scaffolder/v2/dry-run of a template the caller wrote (files: none). */
  | { kind: 'dry-run-inline'; template: Record<string, unknown>; values: Record<string, unknown> }
  /** POST /api/scaffolder/v2/tasks for a registered template, followed until the task ends. */
  | { kind: 'task'; template: string; values: Record<string, unknown> };

/** A side effect that must not have happened. */
export type Effect =
  /** No ref of any repository on the Git server moved (no commit, no new repository). */
  | 'git'
  /** Argo CD received no sync and no refresh. */
  | 'argocd'
  /** No provisioning run, outbox row, run event, token, or webhook delivery was added. */
  | 'provisioning'
  /** No catalog location was added or removed. */
  | 'catalog-locations'
  /** Prometheus, Loki and Grafana were asked nothing that matches. */
  | { upstream: RegExp }
  /** These entities are not in the catalog a few seconds later. */
  | { absentEntities: string[] }
  /** The entity is still in the catalog. */
  | { presentEntity: string };

export interface AttackRow {
  name: string;
  class: AttackClass;
  as: Caller;
  request: AttackRequest;
  /**
   * The answer: HTTP status (one, or any of several where the issue allows several), or
   * `task-failed` when the scaffolder accepted the task and a step refused it. The message is
   * matched against the error message (or the task's failed step).
   */
  expect: {
    status: number | 'task-failed' | Array<number | 'task-failed'>;
    message?: RegExp;
    /**
     * What the audited refusal's error must match, when it differs from `message`: the
     * scaffolder stores a refusal by the form's schema as "Could not execute dry run".
     */
    auditMessage?: RegExp;
    /** The response body must not match (leaks). */
    bodyExcludes?: RegExp;
    /**
     * Also acceptable instead of a refusal: the dry run succeeded and what it would write is
     * safe (the named check), e.g. the platform replaced a store the caller named with its own.
     */
    orSafeOutput?: 'platform-secret-store';
  };
  effects: Effect[];
  /**
   * `refusal` (default for refusals): a failed audit event of the plugin, by the caller, whose error
   * matches `expect.message`, stored after the row started. `none`: the plugin stored no event at
   * all for it (an unauthenticated callback must not write). `not-applicable`: a read that is allowed.
   */
  audit?: 'refusal' | 'none' | 'not-applicable';
  /** Why the row exists, in the words. */
  why: string;
}

const ALICE: Caller = 'alice-dev';

const newService = (overrides: Record<string, unknown>) => ({
  name: 'svc-a-new',
  owner: 'group:default/team-a',
  description: 'A service of team-a',
  language: 'node',
  traffic: 'low',
  storage: 'none',
  extraSecrets: [],
  repoOwner: 'team-a',
  repoHost: '$gitHost',
  ...overrides,
});

const addSecret = (overrides: Record<string, unknown>) => ({
  component: 'component:default/svc-a',
  secretName: 'svc-a-extra',
  data: [{ secretKey: 'STRIPE_KEY', remoteKey: 'stripe' }],
  storeKind: 'ClusterSecretStore',
  storeName: 'vault',
  refreshInterval: '1h',
  ...overrides,
});

const run = (parameters: Record<string, unknown>, entityRef = 'component:default/svc-a') => ({
  kind: 'http' as const,
  method: 'POST',
  path: '/api/provisioning/runs',
  body: { template: 'new-environment', entityRef, parameters },
});

/** A template the caller wrote, committing whatever it likes through portico:gitops:commit. */
const committingTemplate = (files: Record<string, string>) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'alice-commits', namespace: 'default' },
  spec: {
    owner: 'group:default/team-a',
    type: 'service',
    parameters: [],
    steps: [
      {
        id: 'gitops',
        name: 'Commit',
        action: 'portico:gitops:commit',
        input: { service: 'svc-a', owner: 'group:default/team-a', files, message: 'harmless' },
      },
    ],
  },
});

const CLUSTER_ROLE_BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: team-a-cluster-admin
  labels: { portico.io/service: svc-a, portico.io/team: team-a, app.kubernetes.io/name: svc-a }
  annotations: { portico.io/owner: group:default/team-a }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: Group, name: team-a, apiGroup: rbac.authorization.k8s.io }]
`;

const FOREIGN_APPLICATION = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: svc-a
  namespace: argocd
  labels: { portico.io/service: svc-a, portico.io/team: team-a, app.kubernetes.io/name: svc-a }
  annotations: { portico.io/owner: group:default/team-a }
spec:
  project: default
  source: { repoURL: 'https://github.com/attacker/anything.git', path: '.', targetRevision: HEAD }
  destination: { server: 'https://kubernetes.default.svc', namespace: svc-b }
  syncPolicy: { automated: { prune: true, selfHeal: true } }
`;

const sync = (entity: string, app: string, action: 'sync' | 'refresh' = 'sync') => ({
  kind: 'http' as const,
  method: 'POST',
  path: `/api/argocd/entities/component/default/${entity}/applications/$argo/${app}/${action}`,
  body: {},
});

const obs = (entity: string, rest: string) => ({
  kind: 'http' as const,
  method: 'GET',
  path: `/api/observability/entities/component/default/${entity}/${rest}`,
});

/**
 * The audited error of a name refused by the form's schema (the scaffolder's own wording) or by
 * the validate step.
 */
const SCHEMA_OR_RESERVED = /Could not (execute dry run|create entity)|is reserved/;

/** The namespace of team-b in any query sent upstream. */
const ASKS_ABOUT_SVC_B = { upstream: /svc-b/ };

export const ATTACKS: AttackRow[] = [
  // ----- 3. Reserved namespaces: refused by every template, action and provisioning run, as a field error, first -----
  {
    name: 'new-service dry run named kube-system',
    class: 'reserved-namespace',
    as: ALICE,
    request: { kind: 'dry-run', template: 'new-service', values: newService({ name: 'kube-system' }) },
    expect: { status: 400, message: /instance\.name|name.*"kube-system" is reserved/, auditMessage: SCHEMA_OR_RESERVED },
    effects: ['git'],
    why: 'templates/new-service accepts name: kube-system and commits a RoleBinding granting the team edit there',
  },
  {
    name: 'new-service dry run named default',
    class: 'reserved-namespace',
    as: ALICE,
    request: { kind: 'dry-run', template: 'new-service', values: newService({ name: 'default' }) },
    expect: { status: 400, message: /instance\.name|name.*"default" is reserved/, auditMessage: SCHEMA_OR_RESERVED },
    effects: ['git'],
    why: 'also `default`',
  },
  {
    name: 'new-service run named argocd',
    class: 'reserved-namespace',
    as: ALICE,
    request: { kind: 'task', template: 'new-service', values: newService({ name: 'argocd' }) },
    expect: { status: [400, 'task-failed'], message: /instance\.name|name.*"argocd" is reserved/, auditMessage: SCHEMA_OR_RESERVED },
    effects: ['git', 'catalog-locations'],
    why: 'also `argocd`, through a real run',
  },
  {
    name: 'new-service run named portico',
    class: 'reserved-namespace',
    as: ALICE,
    request: { kind: 'task', template: 'new-service', values: newService({ name: 'portico' }) },
    expect: { status: [400, 'task-failed'], message: /instance\.name|name.*"portico" is reserved/, auditMessage: SCHEMA_OR_RESERVED },
    effects: ['git', 'catalog-locations'],
    why: 'also `portico`, the platform itself',
  },
  {
    name: 'new-environment run for kube-public through the scaffolder',
    class: 'reserved-namespace',
    as: ALICE,
    request: {
      kind: 'task',
      template: 'new-environment',
      values: { entity: 'component:default/svc-a', environment: 'kube-public', baselineServices: ['monitoring'] },
    },
    expect: { status: [400, 'task-failed'], message: /instance\.environment|environment.*"kube-public" is reserved/, auditMessage: SCHEMA_OR_RESERVED },
    effects: ['provisioning'],
    why: 'the same for templates/new-environment (environment)',
  },
  {
    name: 'provisioning run for kube-system posted directly',
    class: 'reserved-namespace',
    as: ALICE,
    request: run({ environment: 'kube-system', baselineServices: ['monitoring'] }),
    expect: { status: 400, message: /environment.*"kube-system" is reserved/ },
    effects: ['provisioning'],
    why: 'POST /api/provisioning/runs is refused for reserved namespaces too',
  },
  {
    name: 'provisioning run into team-b’s existing namespace',
    class: 'foreign-namespace',
    as: ALICE,
    request: run({ environment: 'svc-b', baselineServices: ['monitoring'] }),
    expect: { status: [400, 403, 409], message: /svc-b.*team-b/ },
    effects: ['provisioning'],
    why: 'an existing namespace of another team is refused',
  },
  {
    name: 'new-service dry run named after team-b’s namespace',
    class: 'foreign-namespace',
    as: ALICE,
    request: { kind: 'dry-run', template: 'new-service', values: newService({ name: 'svc-b' }) },
    expect: { status: [400, 403, 409], message: /svc-b.*team-b/ },
    effects: ['git'],
    why: 'an existing namespace of another team is refused by templates too',
  },
  {
    name: 'new-service dry run for team-b as owner',
    class: 'foreign-namespace',
    as: ALICE,
    request: { kind: 'dry-run', template: 'new-service', values: newService({ owner: 'group:default/team-b' }) },
    expect: { status: 403, message: /not a member of group:default\/team-b/ },
    effects: ['git'],
    why: 'a developer acts only for their own team',
  },

  // ----- 5. Provisioning: parameters checked against the template's schema before anything is written -----
  {
    name: 'provisioning run with a parameter the template does not have',
    class: 'provisioning-parameters',
    as: ALICE,
    request: run({ environment: 'svc-a-qa', baselineServices: ['monitoring'], script: 'kubectl create clusterrolebinding x --clusterrole=cluster-admin --group=team-a' }),
    expect: { status: 400, message: /script/ },
    effects: ['provisioning'],
    why: 'POST /api/provisioning/runs does not validate parameters against the template',
  },
  {
    name: 'provisioning run with shell in a baseline service',
    class: 'provisioning-parameters',
    as: ALICE,
    request: run({ environment: 'svc-a-qa', baselineServices: ['monitoring; kubectl create rolebinding x -n kube-system --clusterrole=edit --group=team-a'] }),
    expect: { status: 400, message: /baselineServices/ },
    effects: ['provisioning'],
    why: 'workflow parameters were spliced into sh -c scripts (install-baseline)',
  },
  {
    name: 'provisioning run with YAML in the environment name',
    class: 'provisioning-parameters',
    as: ALICE,
    request: run({ environment: 'svc-a-qa\n  labels: {portico.io/team: team-b}', baselineServices: [] }),
    expect: { status: 400, message: /environment/ },
    effects: ['provisioning'],
    why: 'workflow parameters were spliced into YAML text',
  },
  {
    name: 'provisioning run for team-b’s service',
    class: 'provisioning-parameters',
    as: ALICE,
    request: run({ environment: 'svc-b-qa', baselineServices: ['monitoring'] }, 'component:default/svc-b'),
    expect: { status: 403, message: /component:default\/svc-b/ },
    effects: ['provisioning'],
    why: 'runs are for the owners of the entity',
  },

  // ----- 3. The GitOps commit accepts only the kinds the generators build, in the service's namespace, pinned -----
  {
    name: 'a template of alice’s commits a ClusterRoleBinding',
    class: 'gitops-commit',
    as: ALICE,
    request: { kind: 'dry-run-inline', template: committingTemplate({ 'apps/svc-a/escalate.yaml': CLUSTER_ROLE_BINDING }), values: {} },
    expect: { status: [400, 403], message: /ClusterRoleBinding/ },
    effects: ['git'],
    why: 'portico:gitops:commit checks only labels and an owner annotation: a template can commit a ClusterRoleBinding',
  },
  {
    name: 'a template of alice’s commits an Application from any repository into team-b’s namespace',
    class: 'gitops-commit',
    as: ALICE,
    request: { kind: 'dry-run-inline', template: committingTemplate({ 'argocd/applications/svc-a.yaml': FOREIGN_APPLICATION }), values: {} },
    expect: { status: [400, 403], message: /repoURL|project|svc-b/ },
    effects: ['git'],
    why: '… or an Application pointing at any repo (project default, prune + selfHeal)',
  },

  // ----- 2. Sync and refresh act only on applications the platform ties to the entity's owner -----
  {
    name: 'sync team-b’s application through team-b’s entity',
    class: 'argocd-action',
    as: ALICE,
    request: sync('svc-b', 'svc-b'),
    expect: { status: 403, message: /component:default\/svc-b/ },
    effects: ['argocd'],
    why: 'owners act',
  },
  {
    name: 'refresh team-b’s application through team-b’s entity',
    class: 'argocd-action',
    as: ALICE,
    request: sync('svc-b', 'svc-b', 'refresh'),
    expect: { status: 403, message: /component:default\/svc-b/ },
    effects: ['argocd'],
    why: 'owners act',
  },
  {
    name: 'sync team-b’s application through an entity of team-a naming it (argocd/app-name)',
    class: 'argocd-action',
    as: ALICE,
    request: sync('a-points-at-b', 'svc-b'),
    expect: { status: 403, message: /"svc-b"/ },
    effects: ['argocd'],
    why: 'sync authorizes against the entity but acts on whatever its annotation names',
  },
  {
    name: 'refresh team-b’s application through an entity of team-a naming it',
    class: 'argocd-action',
    as: ALICE,
    request: sync('a-points-at-b', 'svc-b', 'refresh'),
    expect: { status: 403, message: /"svc-b"/ },
    effects: ['argocd'],
    why: 'the same for refresh',
  },
  {
    name: 'sync team-b’s application through an entity of team-a selecting everything (!nonexistent)',
    class: 'argocd-action',
    as: ALICE,
    request: sync('a-selects-all', 'svc-b'),
    expect: { status: 403, message: /"svc-b"/ },
    effects: ['argocd'],
    why: '`!nonexistent` matches every application',
  },
  {
    name: 'refresh team-b’s application through an entity of team-a selecting everything',
    class: 'argocd-action',
    as: ALICE,
    request: sync('a-selects-all', 'svc-b', 'refresh'),
    expect: { status: 403, message: /"svc-b"/ },
    effects: ['argocd'],
    why: 'the same for refresh',
  },

  // ----- 2. Logs, metrics, panels and cost read only namespaces the owning team holds -----
  {
    name: 'logs of team-b’s namespace through an entity of team-a (backstage.io/kubernetes-namespace)',
    class: 'observability-scope',
    as: ALICE,
    request: obs('a-points-at-b', 'logs?level=error'),
    expect: { status: 403, message: /svc-b/ },
    effects: [ASKS_ABOUT_SVC_B],
    why: 'logs read whatever backstage.io/kubernetes-namespace names',
  },
  {
    name: 'logs of team-b’s namespace through an entity of team-a (portico.io/prometheus-selector)',
    class: 'observability-scope',
    as: ALICE,
    request: obs('a-selector-b', 'logs?level=error'),
    expect: { status: 403, message: /svc-b/ },
    effects: [ASKS_ABOUT_SVC_B],
    why: 'logs read whatever portico.io/prometheus-selector names',
  },
  {
    name: 'metrics of team-b’s namespace through an entity of team-a (backstage.io/kubernetes-namespace)',
    class: 'observability-scope',
    as: ALICE,
    request: obs('a-points-at-b', 'metrics/cpu?range=1h'),
    expect: { status: 403, message: /svc-b/ },
    effects: [ASKS_ABOUT_SVC_B],
    why: 'metrics read whatever backstage.io/kubernetes-namespace names',
  },
  {
    name: 'metrics of team-b’s namespace through an entity of team-a (portico.io/prometheus-selector)',
    class: 'observability-scope',
    as: ALICE,
    request: obs('a-selector-b', 'metrics/cpu?range=1h'),
    expect: { status: 403, message: /svc-b/ },
    effects: [ASKS_ABOUT_SVC_B],
    why: 'metrics read whatever portico.io/prometheus-selector names',
  },
  {
    name: 'summary of team-b’s namespace through an entity of team-a',
    class: 'observability-scope',
    as: ALICE,
    request: obs('a-points-at-b', 'summary'),
    expect: { status: 403, message: /svc-b/ },
    effects: [ASKS_ABOUT_SVC_B],
    why: 'the overview card reads metrics too',
  },
  {
    name: 'cost of team-b’s namespace through an entity of team-a',
    class: 'observability-scope',
    as: ALICE,
    request: obs('a-points-at-b', 'cost'),
    expect: { status: 403, message: /svc-b/ },
    effects: [ASKS_ABOUT_SVC_B],
    why: 'cost reads only namespaces the owning team holds',
  },
  {
    name: 'a panel of a dashboard the platform does not list, through an entity of team-a',
    class: 'grafana-dashboard',
    as: ALICE,
    request: obs('a-dashboard-b', 'grafana/panels/2/render?range=1h'),
    expect: { status: [400, 403], message: /team-b-billing/ },
    effects: [{ upstream: /team-b-billing/ }],
    why: 'grafana/dashboard-url renders any dashboard the service account can see',
  },
  {
    name: 'the panel list of a dashboard the platform does not list',
    class: 'grafana-dashboard',
    as: ALICE,
    request: obs('a-dashboard-b', 'grafana?range=1h'),
    expect: { status: [400, 403], message: /team-b-billing/ },
    effects: [{ upstream: /team-b-billing/ }],
    why: 'only dashboards the platform lists for that team or as defaults',
  },

  // ----- 4. Secrets: keys forced under the team's and service's prefix, the store chosen by the platform -----
  {
    name: 'add-secret pulls team-b’s database password into svc-a',
    class: 'secret-scope',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'add-secret',
      values: addSecret({ data: [{ secretKey: 'DB_PASSWORD', remoteKey: 'services/team-b/svc-b/postgres', property: 'password' }] }),
    },
    expect: { status: 400, message: /remoteKey/ },
    effects: ['git'],
    why: 'a template input can pull another service’s database password',
  },
  {
    name: 'new-service extraSecrets pull team-b’s database password',
    class: 'secret-scope',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'new-service',
      values: newService({ extraSecrets: [{ secretKey: 'DB_PASSWORD', remoteKey: 'services/team-b/svc-b/postgres' }] }),
    },
    expect: { status: 400, message: /remoteKey/ },
    effects: ['git'],
    why: 'the same through new-service',
  },
  {
    name: 'add-secret names the portal’s own secret store',
    class: 'secret-scope',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'add-secret',
      values: addSecret({ storeKind: 'SecretStore', storeName: 'portico-github-app' }),
    },
    expect: { status: 400, message: /store/i, orSafeOutput: 'platform-secret-store' },
    effects: ['git'],
    why: '… or the portal’s own GitHub App key: the store is chosen by the platform, not by a template input',
  },
  {
    name: 'add-secret for team-b’s service',
    class: 'secret-scope',
    as: ALICE,
    request: { kind: 'dry-run', template: 'add-secret', values: addSecret({ component: 'component:default/svc-b' }) },
    expect: { status: 403, message: /component:default\/svc-b/ },
    effects: ['git'],
    why: 'secrets are for the owners',
  },

  // ----- 1. Who may put what in the catalog -----
  {
    name: 'a developer registers a location holding a Group (portico-admins)',
    class: 'catalog-registration',
    as: ALICE,
    request: { kind: 'http', method: 'POST', path: '/api/catalog/locations', body: { type: 'url', target: '$gitUrl/team-a/evil/raw/main/group.yaml' } },
    expect: { status: [400, 403], message: /group:default\/evil-admins|Group/ },
    effects: ['catalog-locations', { absentEntities: ['group:default/evil-admins'] }],
    why: 'any signed-in user may register entities (Users and Groups included)',
  },
  {
    name: 'a developer registers a location holding a Template',
    class: 'catalog-registration',
    as: ALICE,
    request: { kind: 'http', method: 'POST', path: '/api/catalog/locations', body: { type: 'url', target: '$gitUrl/team-a/evil/raw/main/template.yaml' } },
    expect: { status: [400, 403], message: /template:default\/evil-template|Template/ },
    effects: ['catalog-locations', { absentEntities: ['template:default/evil-template'] }],
    why: 'registering a Template is for admins',
  },
  {
    name: 'a developer registers a Component owned by team-b',
    class: 'catalog-registration',
    as: ALICE,
    request: { kind: 'http', method: 'POST', path: '/api/catalog/locations', body: { type: 'url', target: '$gitUrl/team-a/evil/raw/main/component.yaml' } },
    expect: { status: [400, 403], message: /group:default\/team-b|team-b/ },
    effects: ['catalog-locations', { absentEntities: ['component:default/evil-svc'] }],
    why: 'a developer may register a Component only with an owner that is one of their own groups',
  },
  {
    name: 'a developer deletes a location the admin registered',
    class: 'catalog-registration',
    as: ALICE,
    request: { kind: 'http', method: 'DELETE', path: '/api/catalog/locations/$location:svc-b-docs' },
    expect: { status: 403, message: /only admins may delete catalog locations; location [0-9a-f-]+ \(url:.*svc-b-docs.*\) was not deleted/ },
    effects: ['catalog-locations', { presentEntity: 'component:default/svc-b-docs' }],
    why: 'deleting a location is for admins',
  },
  {
    name: 'a developer deletes team-b’s entity',
    class: 'catalog-registration',
    as: ALICE,
    request: { kind: 'http', method: 'DELETE', path: '/api/catalog/entities/by-uid/$uid:component:default/svc-b' },
    expect: { status: 403 },
    effects: [{ presentEntity: 'component:default/svc-b' }],
    why: 'owners act',
  },

  // ----- 7. Principals: sensitive routes accept users; the production static key reads only -----
  {
    name: 'the production static key registers a location',
    class: 'principals',
    as: 'static-key',
    request: { kind: 'http', method: 'POST', path: '/api/catalog/locations', body: { type: 'url', target: '$gitUrl/team-a/evil/raw/main/group.yaml' } },
    expect: { status: 403 },
    effects: ['catalog-locations', { absentEntities: ['group:default/evil-admins'] }],
    why: 'the production static key can register and delete catalog locations',
  },
  {
    name: 'the production static key deletes a location the admin registered',
    class: 'principals',
    as: 'static-key',
    request: { kind: 'http', method: 'DELETE', path: '/api/catalog/locations/$location:svc-b-docs' },
    expect: { status: 403 },
    effects: ['catalog-locations', { presentEntity: 'component:default/svc-b-docs' }],
    why: 'the production static key reads only',
  },
  {
    name: 'the production static key deletes team-b’s entity',
    class: 'principals',
    as: 'static-key',
    request: { kind: 'http', method: 'DELETE', path: '/api/catalog/entities/by-uid/$uid:component:default/svc-b' },
    expect: { status: 403 },
    effects: [{ presentEntity: 'component:default/svc-b' }],
    why: 'the production static key reads only',
  },
  {
    name: 'the production static key syncs team-b’s application',
    class: 'principals',
    as: 'static-key',
    request: sync('svc-b', 'svc-b'),
    expect: { status: 403 },
    effects: ['argocd'],
    // The key's accessRestrictions (catalog, search, techdocs) are enforced by the framework's
    // credentials barrier before any argocd code runs: no plugin code sees the request, so there
    // is nothing to audit in the store (the root HTTP log has the 403). Asserted, so that a change
    // that lets the key reach argocd's router shows here.
    audit: 'none',
    why: 'the production static key can act (sync) outside its read-only plugins',
  },
  {
    name: 'the scaffolder’s own token syncs team-b’s application',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: sync('svc-b', 'svc-b'),
    expect: { status: 403, message: /service/i },
    effects: ['argocd'],
    why: 'service principals pass every permission check (sync)',
  },
  {
    name: 'the scaffolder’s own token reads team-b’s logs',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: obs('svc-b', 'logs?level=error'),
    expect: { status: 403, message: /service/i },
    effects: [ASKS_ABOUT_SVC_B],
    why: 'service principals pass every permission check (logs)',
  },
  {
    name: 'the scaffolder’s own token reads the audit log',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: { kind: 'http', method: 'GET', path: '/api/audit/events?limit=5' },
    expect: { status: 403, message: /service/i },
    effects: [],
    why: 'service principals pass every permission check (audit)',
  },
  {
    name: 'the scaffolder’s own token registers a location',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: { kind: 'http', method: 'POST', path: '/api/catalog/locations', body: { type: 'url', target: '$gitUrl/team-a/evil/raw/main/group.yaml' } },
    expect: { status: 403 },
    effects: ['catalog-locations', { absentEntities: ['group:default/evil-admins'] }],
    why: 'registering a location is for admins, not for whatever runs inside a plugin',
  },
  {
    name: 'an unrestricted static key starts a provisioning run for team-b',
    class: 'principals',
    as: 'unrestricted-key',
    request: run({ environment: 'svc-b-qa', baselineServices: ['monitoring'] }, 'component:default/svc-b'),
    expect: { status: 403, message: /service/i },
    effects: ['provisioning'],
    why: 'routes that act accept users (or named service subjects that config lists), nothing else',
  },
  {
    name: 'an unrestricted static key deletes a location the admin registered',
    class: 'principals',
    as: 'unrestricted-key',
    request: { kind: 'http', method: 'DELETE', path: '/api/catalog/locations/$location:svc-b-docs' },
    expect: { status: 403, message: /DELETE \/locations\/:id \(catalog\) accepts only signed-in users.*service principal \(unrestricted-ci\)/ },
    effects: ['catalog-locations', { presentEntity: 'component:default/svc-b-docs' }],
    why: 'routes that act accept users (or named service subjects that config lists), nothing else',
  },
  {
    name: 'the scaffolder’s own token deletes team-b’s entity',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: { kind: 'http', method: 'DELETE', path: '/api/catalog/entities/by-uid/$uid:component:default/svc-b' },
    expect: { status: 403, message: /service principal \(plugin:scaffolder\)/ },
    effects: [{ presentEntity: 'component:default/svc-b' }],
    why: 'service principals pass every permission check: a plugin’s token must not act on entities',
  },
  {
    name: 'an unrestricted static key refreshes team-b’s entity',
    class: 'principals',
    as: 'unrestricted-key',
    request: { kind: 'http', method: 'POST', path: '/api/catalog/refresh', body: { entityRef: 'component:default/svc-b' } },
    expect: { status: 403, message: /POST \/refresh \(catalog\) accepts only signed-in users.*\(unrestricted-ci\)/ },
    effects: [],
    why: 'routes that act accept users (or named service subjects that config lists), nothing else',
  },
  {
    name: 'the scaffolder’s own token starts a task',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: { kind: 'http', method: 'POST', path: '/api/scaffolder/v2/tasks', body: { templateRef: 'template:default/add-secret', values: addSecret({ component: 'component:default/svc-b' }) } },
    expect: { status: 403, message: /POST \/v2\/tasks \(scaffolder\) accepts only signed-in users.*\(plugin:scaffolder\)/ },
    effects: ['git'],
    why: 'service principals pass every permission check: any code holding the scaffolder’s token could run templates as nobody',
  },
  {
    name: 'an unrestricted static key cancels a developer’s task',
    class: 'principals',
    as: 'unrestricted-key',
    request: { kind: 'http', method: 'POST', path: '/api/scaffolder/v2/tasks/$task/cancel', body: {} },
    expect: { status: 403, message: /\/v2\/tasks\/:taskId\/cancel \(scaffolder\) accepts only signed-in users.*\(unrestricted-ci\)/ },
    effects: [],
    why: 'routes that act accept users (or named service subjects that config lists), nothing else',
  },
  {
    name: 'the scaffolder’s own token opens the Kubernetes proxy',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: { kind: 'http', method: 'GET', path: '/api/kubernetes/proxy/api/v1/namespaces/svc-b/secrets' },
    expect: { status: 403, message: /ANY \/proxy\/\* \(kubernetes\) accepts only signed-in users.*\(plugin:scaffolder\)/ },
    effects: [],
    why: 'the Kubernetes proxy uses the portal’s cluster credentials: admins only, never a service token',
  },
  {
    name: 'an unrestricted static key reads the audit log',
    class: 'principals',
    as: 'unrestricted-key',
    request: { kind: 'http', method: 'GET', path: '/api/audit/events?limit=5' },
    expect: { status: 403, message: /the audit log is read by signed-in users only.*service principal/ },
    effects: [],
    why: 'service principals pass every permission check (audit)',
  },

  // ----- A scaffolder task is its initiator's -----
  {
    name: 'a developer cancels another team’s developer’s task',
    class: 'task-ownership',
    as: ALICE,
    request: { kind: 'http', method: 'POST', path: '/api/scaffolder/v2/tasks/$task/cancel', body: {} },
    expect: { status: 403, message: /only the user who started a scaffolder task \(or an admin\) may cancel it; task [0-9a-f-]+ was not started by user:default\/alice-dev/ },
    effects: [],
    why: 'any signed-in user could cancel another user’s scaffolder task (the policy allowed every non-entity permission)',
  },
  {
    name: 'a developer reads another team’s developer’s task',
    class: 'task-ownership',
    as: ALICE,
    request: { kind: 'http', method: 'GET', path: '/api/scaffolder/v2/tasks/$task' },
    expect: { status: 403 },
    effects: [],
    why: 'a task’s parameters and logs may show its inputs: they are its initiator’s (and admins’)',
  },
  {
    name: 'an unrestricted static key syncs team-b’s application',
    class: 'principals',
    as: 'unrestricted-key',
    request: sync('svc-b', 'svc-b'),
    expect: { status: 403, message: /service/i },
    effects: ['argocd'],
    why: 'routes that act accept users (or named service subjects that config lists), nothing else',
  },

  // ----- 8. The callback checks the token before writing anything -----
  {
    name: 'a callback with a wrong token',
    class: 'callback',
    as: 'anonymous',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/provisioning/runs/$run/events',
      body: { eventId: 'forged-1', step: 'namespace', status: 'succeeded', final: true },
    },
    expect: { status: 401, message: /Unknown provisioning run or wrong callback token/ },
    effects: ['provisioning'],
    audit: 'none',
    why: 'the unauthenticated callback writes audit events before checking the token',
  },

  // ----- 2. Roadie-compatible routes return no spec.source details -----
  {
    name: 'Roadie’s application route shows team-b’s Helm values',
    class: 'roadie-leak',
    as: ALICE,
    request: { kind: 'http', method: 'GET', path: '/api/argocd/argoInstance/$argo/applications/name/svc-b' },
    expect: { status: 200, bodyExcludes: /team-b-helm-db-password-canary|"helm"/ },
    effects: [],
    audit: 'not-applicable',
    why: 'Roadie-compatible routes return every application’s spec.source (Helm values, parameters, plugin env) to every user',
  },
  {
    name: 'Roadie’s selector route shows team-b’s Helm values',
    class: 'roadie-leak',
    as: ALICE,
    request: { kind: 'http', method: 'GET', path: '/api/argocd/argoInstance/$argo/applications/selector/app.kubernetes.io%2Fname%3Dsvc-b' },
    expect: { status: 200, bodyExcludes: /team-b-helm-db-password-canary|"helm"/ },
    effects: [],
    audit: 'not-applicable',
    why: 'the same for the list route',
  },
  {
    name: 'Portico’s entity route shows team-b’s Helm values',
    class: 'roadie-leak',
    as: ALICE,
    request: { kind: 'http', method: 'GET', path: '/api/argocd/entities/component/default/svc-b' },
    expect: { status: 200, bodyExcludes: /team-b-helm-db-password-canary/ },
    effects: [],
    audit: 'not-applicable',
    why: 'everyone sees status, nobody else’s secrets',
  },
];
