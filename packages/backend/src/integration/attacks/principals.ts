/* Attack rows: 7. Principals: sensitive routes accept users; the production static key reads only. */
import type { AttackRow } from './types';
import { addSecret, run, sync, obs, ASKS_ABOUT_SVC_B } from './requests';

export const PRINCIPAL_ATTACKS: AttackRow[] = [
  {
    name: 'the production static key registers a location',
    class: 'principals',
    as: 'static-key',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/catalog/locations',
      body: { type: 'url', target: '$gitUrl/team-a/evil/raw/main/group.yaml' },
    },
    expect: { status: 403 },
    effects: [
      'catalog-locations',
      { absentEntities: ['group:default/evil-admins'] },
    ],
    why: 'the production static key can register and delete catalog locations',
  },
  {
    name: 'the production static key deletes a location the admin registered',
    class: 'principals',
    as: 'static-key',
    request: {
      kind: 'http',
      method: 'DELETE',
      path: '/api/catalog/locations/$location:svc-b-docs',
    },
    expect: { status: 403 },
    effects: [
      'catalog-locations',
      { presentEntity: 'component:default/svc-b-docs' },
    ],
    why: 'the production static key reads only',
  },
  {
    name: 'the production static key deletes team-b’s entity',
    class: 'principals',
    as: 'static-key',
    request: {
      kind: 'http',
      method: 'DELETE',
      path: '/api/catalog/entities/by-uid/$uid:component:default/svc-b',
    },
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
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/catalog/locations',
      body: { type: 'url', target: '$gitUrl/team-a/evil/raw/main/group.yaml' },
    },
    expect: { status: 403 },
    effects: [
      'catalog-locations',
      { absentEntities: ['group:default/evil-admins'] },
    ],
    why: 'registering a location is for admins, not for whatever runs inside a plugin',
  },
  {
    name: 'an unrestricted static key starts a provisioning run for team-b',
    class: 'principals',
    as: 'unrestricted-key',
    request: run(
      { environment: 'svc-b-qa', baselineServices: ['monitoring'] },
      'component:default/svc-b',
    ),
    expect: { status: 403, message: /service/i },
    effects: ['provisioning'],
    why: 'routes that act accept users (or named service subjects that config lists), nothing else',
  },
  {
    name: 'an unrestricted static key deletes a location the admin registered',
    class: 'principals',
    as: 'unrestricted-key',
    request: {
      kind: 'http',
      method: 'DELETE',
      path: '/api/catalog/locations/$location:svc-b-docs',
    },
    expect: {
      status: 403,
      message:
        /DELETE \/locations\/:id \(catalog\) accepts only signed-in users.*service principal \(unrestricted-ci\)/,
    },
    effects: [
      'catalog-locations',
      { presentEntity: 'component:default/svc-b-docs' },
    ],
    why: 'routes that act accept users (or named service subjects that config lists), nothing else',
  },
  {
    name: 'the scaffolder’s own token deletes team-b’s entity',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: {
      kind: 'http',
      method: 'DELETE',
      path: '/api/catalog/entities/by-uid/$uid:component:default/svc-b',
    },
    expect: { status: 403, message: /service principal \(plugin:scaffolder\)/ },
    effects: [{ presentEntity: 'component:default/svc-b' }],
    why: 'service principals pass every permission check: a plugin’s token must not act on entities',
  },
  {
    name: 'an unrestricted static key refreshes team-b’s entity',
    class: 'principals',
    as: 'unrestricted-key',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/catalog/refresh',
      body: { entityRef: 'component:default/svc-b' },
    },
    expect: {
      status: 403,
      message:
        /POST \/refresh \(catalog\) accepts only signed-in users.*\(unrestricted-ci\)/,
    },
    effects: [],
    why: 'routes that act accept users (or named service subjects that config lists), nothing else',
  },
  {
    name: 'the scaffolder’s own token starts a task',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/scaffolder/v2/tasks',
      body: {
        templateRef: 'template:default/add-secret',
        values: addSecret({ component: 'component:default/svc-b' }),
      },
    },
    expect: {
      status: 403,
      message:
        /POST \/v2\/tasks \(scaffolder\) accepts only signed-in users.*\(plugin:scaffolder\)/,
    },
    effects: ['git'],
    why: 'service principals pass every permission check: any code holding the scaffolder’s token could run templates as nobody',
  },
  {
    name: 'an unrestricted static key cancels a developer’s task',
    class: 'principals',
    as: 'unrestricted-key',
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/scaffolder/v2/tasks/$task/cancel',
      body: {},
    },
    expect: {
      status: 403,
      message:
        /\/v2\/tasks\/:taskId\/cancel \(scaffolder\) accepts only signed-in users.*\(unrestricted-ci\)/,
    },
    effects: [],
    why: 'routes that act accept users (or named service subjects that config lists), nothing else',
  },
  {
    name: 'the scaffolder’s own token opens the Kubernetes proxy',
    class: 'principals',
    as: 'plugin:scaffolder',
    request: {
      kind: 'http',
      method: 'GET',
      path: '/api/kubernetes/proxy/api/v1/namespaces/svc-b/secrets',
    },
    expect: {
      status: 403,
      message:
        /ANY \/proxy\/\* \(kubernetes\) accepts only signed-in users.*\(plugin:scaffolder\)/,
    },
    effects: [],
    why: 'the Kubernetes proxy uses the portal’s cluster credentials: admins only, never a service token',
  },
  {
    name: 'an unrestricted static key reads the audit log',
    class: 'principals',
    as: 'unrestricted-key',
    request: { kind: 'http', method: 'GET', path: '/api/audit/events?limit=5' },
    expect: {
      status: 403,
      message:
        /the audit log is read by signed-in users only.*service principal/,
    },
    effects: [],
    why: 'service principals pass every permission check (audit)',
  },
];
