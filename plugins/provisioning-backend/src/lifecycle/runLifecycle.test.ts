import {
  ACTIVE_RUN_STATUSES,
  FINAL_RUN_STATUSES,
  RUN_STATUSES,
} from '@internal/plugin-provisioning-common';
import {
  callbackTokenState,
  nextRunStatus,
  RUN_TRANSITIONS,
  type RunTransition,
  stepFailureReason,
  TOKEN_ISSUABLE_STATUSES,
} from './runLifecycle';

describe('run lifecycle', () => {
  const transitions: RunTransition[] = Object.values(RUN_TRANSITIONS);

  it('never moves a run that has ended', () => {
    for (const status of FINAL_RUN_STATUSES) {
      expect(transitions.filter(t => t.from.includes(status))).toEqual([]);
      expect(TOKEN_ISSUABLE_STATUSES).not.toContain(status);
    }
  });

  it('reaches every status from queued', () => {
    const reports = (['running', 'succeeded', 'failed'] as const).flatMap(
      step => [nextRunStatus(step, false), nextRunStatus(step, true)],
    );
    const moves = [
      ...transitions,
      // A report is accepted while the run's token works: until the run ends.
      ...reports.map(to => ({ from: ACTIVE_RUN_STATUSES, to })),
    ];
    const reached = new Set<string>(['queued']);
    for (let i = 0; i < RUN_STATUSES.length; i++) {
      for (const m of moves) {
        if (m.from.some(s => reached.has(s))) reached.add(m.to);
      }
    }
    expect([...reached].sort()).toEqual([...RUN_STATUSES].sort());
  });

  it('ends a run on a failed step or a final success, else keeps it running', () => {
    expect(nextRunStatus('failed', false)).toBe('failed');
    expect(nextRunStatus('failed', true)).toBe('failed');
    expect(nextRunStatus('succeeded', true)).toBe('succeeded');
    expect(nextRunStatus('succeeded', false)).toBe('running');
    expect(nextRunStatus('running', true)).toBe('running');
  });

  it('words the failure reason of a failed step', () => {
    expect(stepFailureReason('rbac', 'rbac could not be created')).toBe(
      'Step rbac failed: rbac could not be created',
    );
    expect(stepFailureReason('rbac')).toBe('Step rbac failed');
  });

  it('lets a token work only while its run is active and its lifetime lasts', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const later = new Date(now.getTime() + 1000);
    expect(
      callbackTokenState({ status: 'running', tokenExpiresAt: later }, now),
    ).toBe('valid');
    expect(
      callbackTokenState({ status: 'delivering', tokenExpiresAt: now }, now),
    ).toBe('expired');
    expect(callbackTokenState({ status: 'running' }, now)).toBe('expired');
    expect(
      callbackTokenState({ status: 'succeeded', tokenExpiresAt: later }, now),
    ).toBe('ended');
    expect(callbackTokenState({ status: 'failed' }, now)).toBe('ended');
  });
});
