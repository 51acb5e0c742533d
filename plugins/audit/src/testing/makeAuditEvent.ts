import type { AuditEvent } from '@internal/plugin-audit-common';

/** An audit event for tests; `overrides` replace any field. */
export function makeAuditEvent(
  id: string,
  overrides: Partial<AuditEvent> = {},
): AuditEvent {
  return {
    id,
    time: '2024-03-01T10:30:15.000Z',
    plugin: 'catalog',
    eventId: 'entity-mutate',
    action: 'catalog.entity-mutate',
    severity: 'medium',
    outcome: 'succeeded',
    actor: { id: 'user:default/alice', type: 'user', ip: '10.1.2.3' },
    entityRef: 'component:default/checkout',
    requestId: `req-${id}`,
    request: { method: 'POST', url: '/api/catalog/refresh' },
    meta: { reason: 'refresh', attempts: 2 },
    hash: `hash-${id}`,
    prevHash: `hash-${Number(id) - 1}`,
    ...overrides,
  };
}
