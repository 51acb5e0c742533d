import type { AuditorEvent } from '@backstage/backend-defaults/auditor';
import { AuditRedactor, REDACTED } from '../redaction/AuditRedactor';
import { actorTypeOf, toAuditRecord } from './toAuditRecord';

const now = new Date('2024-06-01T12:00:00.000Z');
const redactor = new AuditRedactor(['config-secret-value']);

describe('toAuditRecord', () => {
  it('converts a succeeded event of a user', () => {
    const event: AuditorEvent = {
      plugin: 'catalog',
      eventId: 'entity-mutate',
      severityLevel: 'medium',
      actor: {
        actorId: 'user:default/alice',
        ip: '10.0.0.1',
        hostname: 'portal',
        userAgent: 'curl/8',
      },
      request: { method: 'POST', url: '/api/catalog/refresh?token=t' },
      meta: { entityRef: 'component:default/checkout', password: 'p' },
      status: 'succeeded',
    };
    expect(toAuditRecord(event, { requestId: 'req-1', redactor, now })).toEqual(
      {
        time: '2024-06-01T12:00:00.000Z',
        plugin: 'catalog',
        eventId: 'entity-mutate',
        severity: 'medium',
        outcome: 'succeeded',
        actorId: 'user:default/alice',
        actorType: 'user',
        ip: '10.0.0.1',
        userAgent: 'curl/8',
        entityRef: 'component:default/checkout',
        requestId: 'req-1',
        requestMethod: 'POST',
        requestUrl: '/api/catalog/refresh?token=%5BREDACTED%5D',
        meta: { entityRef: 'component:default/checkout', password: REDACTED },
      },
    );
  });

  it('keeps the redacted error message of a failed event', () => {
    const error = new Error('login failed with config-secret-value');
    error.name = 'NotAllowedError';
    const record = toAuditRecord(
      {
        plugin: 'scaffolder',
        eventId: 'task',
        severityLevel: 'high',
        actor: {},
        status: 'failed',
        error,
      },
      { requestId: 'r', redactor, now },
    );
    expect(record).toEqual({
      time: '2024-06-01T12:00:00.000Z',
      plugin: 'scaffolder',
      eventId: 'task',
      severity: 'high',
      outcome: 'failed',
      actorType: 'anonymous',
      requestId: 'r',
      error: `NotAllowedError: login failed with ${REDACTED}`,
    });
  });

  it('tells users, services and anonymous callers apart', () => {
    expect(actorTypeOf('user:default/bob')).toBe('user');
    expect(actorTypeOf('plugin:catalog')).toBe('service');
    expect(actorTypeOf('external:ci')).toBe('service');
    expect(actorTypeOf(undefined)).toBe('anonymous');
  });
});
