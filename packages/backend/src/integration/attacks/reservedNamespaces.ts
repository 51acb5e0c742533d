/* Attack rows: 3. Reserved namespaces: refused by every template, action and provisioning run, as a field error, first. */
import type { AttackRow } from './types';
import { ALICE, newService, run, SCHEMA_OR_RESERVED } from './requests';

export const RESERVED_NAMESPACE_ATTACKS: AttackRow[] = [
  {
    name: 'new-service dry run named kube-system',
    class: 'reserved-namespace',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'new-service',
      values: newService({ name: 'kube-system' }),
    },
    expect: {
      status: 400,
      message: /instance\.name|name.*"kube-system" is reserved/,
      auditMessage: SCHEMA_OR_RESERVED,
    },
    effects: ['git'],
    why: 'templates/new-service accepts name: kube-system and commits a RoleBinding granting the team edit there',
  },
  {
    name: 'new-service dry run named default',
    class: 'reserved-namespace',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'new-service',
      values: newService({ name: 'default' }),
    },
    expect: {
      status: 400,
      message: /instance\.name|name.*"default" is reserved/,
      auditMessage: SCHEMA_OR_RESERVED,
    },
    effects: ['git'],
    why: 'also `default`',
  },
  {
    name: 'new-service run named argocd',
    class: 'reserved-namespace',
    as: ALICE,
    request: {
      kind: 'task',
      template: 'new-service',
      values: newService({ name: 'argocd' }),
    },
    expect: {
      status: [400, 'task-failed'],
      message: /instance\.name|name.*"argocd" is reserved/,
      auditMessage: SCHEMA_OR_RESERVED,
    },
    effects: ['git', 'catalog-locations'],
    why: 'also `argocd`, through a real run',
  },
  {
    name: 'new-service run named portico',
    class: 'reserved-namespace',
    as: ALICE,
    request: {
      kind: 'task',
      template: 'new-service',
      values: newService({ name: 'portico' }),
    },
    expect: {
      status: [400, 'task-failed'],
      message: /instance\.name|name.*"portico" is reserved/,
      auditMessage: SCHEMA_OR_RESERVED,
    },
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
      values: {
        entity: 'component:default/svc-a',
        environment: 'kube-public',
        baselineServices: ['monitoring'],
      },
    },
    expect: {
      status: [400, 'task-failed'],
      message: /instance\.environment|environment.*"kube-public" is reserved/,
      auditMessage: SCHEMA_OR_RESERVED,
    },
    effects: ['provisioning'],
    why: 'the same for templates/new-environment (environment)',
  },
  {
    name: 'provisioning run for kube-system posted directly',
    class: 'reserved-namespace',
    as: ALICE,
    request: run({
      environment: 'kube-system',
      baselineServices: ['monitoring'],
    }),
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
    request: {
      kind: 'dry-run',
      template: 'new-service',
      values: newService({ name: 'svc-b' }),
    },
    expect: { status: [400, 403, 409], message: /svc-b.*team-b/ },
    effects: ['git'],
    why: 'an existing namespace of another team is refused by templates too',
  },
  {
    name: 'new-service dry run for team-b as owner',
    class: 'foreign-namespace',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'new-service',
      values: newService({ owner: 'group:default/team-b' }),
    },
    expect: { status: 403, message: /not a member of group:default\/team-b/ },
    effects: ['git'],
    why: 'a developer acts only for their own team',
  },
];
