import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { withAuditEvent } from './withAuditEvent';

function recordingAuditor() {
  const calls: string[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async options => {
      calls.push(`initiated ${options.eventId}`);
      return {
        success: async o => {
          calls.push(`succeeded ${JSON.stringify(o?.meta ?? {})}`);
        },
        fail: async o => {
          calls.push(`failed ${o.error.name} ${JSON.stringify(o.meta)}`);
        },
      };
    },
  });
  return { auditor, calls };
}

describe('withAuditEvent', () => {
  it('records initiated before the work, and its outcome before returning', async () => {
    const { auditor, calls } = recordingAuditor();
    const result = await withAuditEvent(
      auditor,
      { eventId: 'argocd-sync', severityLevel: 'medium' },
      async () => {
        calls.push('work');
        return { result: 42, meta: { project: 'team-a' } };
      },
    );
    expect(result).toBe(42);
    expect(calls).toEqual([
      'initiated argocd-sync',
      'work',
      'succeeded {"project":"team-a"}',
    ]);
  });

  it('records a failure with the status it is answered with, and rethrows it', async () => {
    const { auditor, calls } = recordingAuditor();
    await expect(
      withAuditEvent(auditor, { eventId: 'argocd-sync' }, async () => {
        throw new NotAllowedError('not an owner');
      }),
    ).rejects.toThrow('not an owner');
    expect(calls).toEqual([
      'initiated argocd-sync',
      'failed NotAllowedError {"status":403}',
    ]);
  });

  it('runs the work unrecorded without an auditor', async () => {
    await expect(
      withAuditEvent(undefined, { eventId: 'x' }, async () => ({
        result: 'ok',
      })),
    ).resolves.toBe('ok');
  });
});
