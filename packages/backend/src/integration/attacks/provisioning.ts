/* Attack rows: 5. Provisioning: parameters checked against the template's schema before anything is written. */
import type { AttackRow } from './types';
import { ALICE, run } from './requests';

export const PROVISIONING_ATTACKS: AttackRow[] = [
  {
    name: 'provisioning run with a parameter the template does not have',
    class: 'provisioning-parameters',
    as: ALICE,
    request: run({
      environment: 'svc-a-qa',
      baselineServices: ['monitoring'],
      script:
        'kubectl create clusterrolebinding x --clusterrole=cluster-admin --group=team-a',
    }),
    expect: { status: 400, message: /script/ },
    effects: ['provisioning'],
    why: 'POST /api/provisioning/runs does not validate parameters against the template',
  },
  {
    name: 'provisioning run with shell in a baseline service',
    class: 'provisioning-parameters',
    as: ALICE,
    request: run({
      environment: 'svc-a-qa',
      baselineServices: [
        'monitoring; kubectl create rolebinding x -n kube-system --clusterrole=edit --group=team-a',
      ],
    }),
    expect: { status: 400, message: /baselineServices/ },
    effects: ['provisioning'],
    why: 'workflow parameters were spliced into sh -c scripts (install-baseline)',
  },
  {
    name: 'provisioning run with YAML in the environment name',
    class: 'provisioning-parameters',
    as: ALICE,
    request: run({
      environment: 'svc-a-qa\n  labels: {portico.io/team: team-b}',
      baselineServices: [],
    }),
    expect: { status: 400, message: /environment/ },
    effects: ['provisioning'],
    why: 'workflow parameters were spliced into YAML text',
  },
  {
    name: 'provisioning run for team-b’s service',
    class: 'provisioning-parameters',
    as: ALICE,
    request: run(
      { environment: 'svc-b-qa', baselineServices: ['monitoring'] },
      'component:default/svc-b',
    ),
    expect: { status: 403, message: /component:default\/svc-b/ },
    effects: ['provisioning'],
    why: 'runs are for the owners of the entity',
  },
];
