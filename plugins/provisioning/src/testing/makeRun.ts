import type {
  ProvisioningRunDetail,
  RunEvent,
} from '@internal/plugin-provisioning-common';

/** A run for tests; `overrides` replace any field. */
export function makeRun(
  id: string,
  overrides: Partial<ProvisioningRunDetail> = {},
): ProvisioningRunDetail {
  return {
    id,
    template: 'new-environment',
    entityRef: 'component:default/payments-svc',
    owner: 'group:default/payments-team',
    userRef: 'user:default/bob',
    parameters: { environment: 'staging' },
    status: 'running',
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:05.000Z',
    delivery: { attempts: 1, deliveredAt: '2026-11-28T10:00:01.000Z' },
    events: [],
    ...overrides,
  };
}

/** A step report for tests. */
export function makeEvent(
  seq: number,
  overrides: Partial<RunEvent> = {},
): RunEvent {
  return {
    seq,
    eventId: `e-${seq}`,
    step: 'namespace',
    status: 'running',
    resources: [],
    final: false,
    receivedAt: '2026-11-28T10:00:02.000Z',
    ...overrides,
  };
}
