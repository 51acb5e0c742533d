import type { CiState } from '@internal/plugin-service-health-common';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';

const LABELS: Record<CiState, string> = {
  success: 'passed',
  failure: 'failed',
  running: 'running',
  queued: 'queued',
  cancelled: 'cancelled',
  skipped: 'skipped',
  neutral: 'neutral',
};

/** A run's state as a status dot and a word ("passed", "failed", ...). */
export function CiStateChip(props: { state: CiState }) {
  const label = LABELS[props.state];
  const Icon = {
    success: StatusOK,
    failure: StatusError,
    running: StatusRunning,
    queued: StatusPending,
    cancelled: StatusAborted,
    skipped: StatusAborted,
    neutral: StatusWarning,
  }[props.state];
  return (
    <span title={`Pipeline: ${label}`}>
      <Icon>{label}</Icon>
    </span>
  );
}
