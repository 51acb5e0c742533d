import type { UserOnlyRoute } from '@internal/plugin-portico-node';

/**
 * The scaffolder's routes that start, stop or show a task: users only (and the service subjects
 * `portico.access.serviceSubjects` lists). A task runs with its initiator's credentials and
 * identity, so a service starting one would act as nobody the policy was asked about; a task's
 * parameters and logs may show its inputs, so reading one is for its initiator too (the policy
 * answers "its initiator or an admin" as the scaffolder's isTaskOwner condition).
 * Not even the scaffolder's own token passes: any code inside the scaffolder can mint it.
 */
export const SCAFFOLDER_USER_ONLY_ROUTES: UserOnlyRoute[] = [
  { method: 'POST', path: '/v2/tasks' },
  { method: 'POST', path: '/v2/dry-run' },
  { method: 'POST', path: '/v2/tasks/:taskId/cancel' },
  { method: 'POST', path: '/v2/tasks/:taskId/retry' },
  { method: 'GET', path: '/v2/tasks' },
  { method: 'GET', path: '/v2/tasks/:taskId' },
  { method: 'GET', path: '/v2/tasks/:taskId/events' },
  { method: 'GET', path: '/v2/tasks/:taskId/eventstream' },
];
