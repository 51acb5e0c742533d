/* Attack rows: A scaffolder task is its initiator's. */
import type { AttackRow } from './types';
import { ALICE, sync } from './requests';

export const TASK_ATTACKS: AttackRow[] = [
  {
    name: 'a developer cancels another team’s developer’s task',
    class: 'task-ownership',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'POST',
      path: '/api/scaffolder/v2/tasks/$task/cancel',
      body: {},
    },
    expect: {
      status: 403,
      message:
        /only the user who started a scaffolder task \(or an admin\) may cancel it; task [0-9a-f-]+ was not started by user:default\/alice-dev/,
    },
    effects: [],
    why: 'any signed-in user could cancel another user’s scaffolder task (the policy allowed every non-entity permission)',
  },
  {
    name: 'a developer reads another team’s developer’s task',
    class: 'task-ownership',
    as: ALICE,
    request: {
      kind: 'http',
      method: 'GET',
      path: '/api/scaffolder/v2/tasks/$task',
    },
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
];
