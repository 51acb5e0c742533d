import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import {
  isFinalRunStatus,
  type RunStatus as Status,
  type StepStatus,
} from '@internal/plugin-provisioning-common';

const LABELS: Record<Status, string> = {
  queued: 'Queued',
  delivering: 'Delivering',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/** A run's or a step's status: icon and word. */
export function RunStatus(props: { status: Status | StepStatus }) {
  const label = LABELS[props.status] ?? props.status;
  switch (props.status) {
    case 'succeeded':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
      return <StatusError>{label}</StatusError>;
    case 'running':
      return <StatusRunning>{label}</StatusRunning>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
}

/** Whether a run can still change. */
export function isActive(status: Status): boolean {
  return !isFinalRunStatus(status);
}
