import type { AuditRecord } from '@internal/plugin-audit-node';

/** An audit record for tests; `overrides` replace any field. */
export function makeRecord(
  n: number,
  overrides: Partial<AuditRecord> = {},
): AuditRecord {
  return {
    time: new Date(Date.UTC(2024, 4, 1) + n * 1000).toISOString(),
    plugin: 'catalog',
    eventId: 'entity-fetch',
    severity: 'low',
    outcome: 'succeeded',
    actorId: 'user:default/alice',
    actorType: 'user',
    requestId: `req-${n}`,
    requestMethod: 'GET',
    requestUrl: `/api/catalog/entities/${n}`,
    meta: { n, queryType: 'by-name' },
    ...overrides,
  };
}
