/* Attack rows: 3. The GitOps commit accepts only the kinds the generators build, in the service's namespace, pinned. */
import type { AttackRow } from './types';
import {
  ALICE,
  committingTemplate,
  CLUSTER_ROLE_BINDING,
  FOREIGN_APPLICATION,
} from './requests';

export const GITOPS_ATTACKS: AttackRow[] = [
  {
    name: 'a template of alice’s commits a ClusterRoleBinding',
    class: 'gitops-commit',
    as: ALICE,
    request: {
      kind: 'dry-run-inline',
      template: committingTemplate({
        'apps/svc-a/escalate.yaml': CLUSTER_ROLE_BINDING,
      }),
      values: {},
    },
    expect: { status: [400, 403], message: /ClusterRoleBinding/ },
    effects: ['git'],
    why: 'portico:gitops:commit checks only labels and an owner annotation: a template can commit a ClusterRoleBinding',
  },
  {
    name: 'a template of alice’s commits an Application from any repository into team-b’s namespace',
    class: 'gitops-commit',
    as: ALICE,
    request: {
      kind: 'dry-run-inline',
      template: committingTemplate({
        'argocd/applications/svc-a.yaml': FOREIGN_APPLICATION,
      }),
      values: {},
    },
    expect: { status: [400, 403], message: /repoURL|project|svc-b/ },
    effects: ['git'],
    why: '… or an Application pointing at any repo (project default, prune + selfHeal)',
  },
];
