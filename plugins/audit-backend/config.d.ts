import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  audit?: {
    retention?: {
      /**
       * Days an audit event is kept; older events are deleted by a scheduled task (one replica
       * at a time), which first moves the hash chain's anchor so that verification still
       * passes. Unset: events are kept forever.
       */
      days?: number;
      /**
       * When the retention task runs (default: every hour, first one minute after start, at
       * most 30 minutes per run). Its scope is always global.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    writer?: {
      /** Events written per transaction (default 500); a full batch is written at once. */
      batchSize?: number;
      /** How often waiting events are written when no batch is full, in ms (default 200). */
      intervalMs?: number;
      /** How long shutdown waits for waiting events to be written, in ms (default 5000). */
      shutdownTimeoutMs?: number;
    };
  };
}
