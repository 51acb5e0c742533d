import {
  ACTIVE_RUN_STATUSES,
  FINAL_RUN_STATUSES,
  isFinalRunStatus,
  RUN_STATUSES,
} from './types';

describe('run statuses', () => {
  it('splits every status into active or final, never both', () => {
    expect(ACTIVE_RUN_STATUSES).toEqual(['queued', 'delivering', 'running']);
    expect(FINAL_RUN_STATUSES).toEqual(['succeeded', 'failed']);
    expect([...ACTIVE_RUN_STATUSES, ...FINAL_RUN_STATUSES].sort()).toEqual(
      [...RUN_STATUSES].sort(),
    );
    expect(RUN_STATUSES.filter(isFinalRunStatus)).toEqual(FINAL_RUN_STATUSES);
  });
});
