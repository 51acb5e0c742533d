import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type DatabaseService,
  type LifecycleService,
  type LoggerService,
  type RootConfigService,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import type { AuditEventQueue } from '@internal/plugin-audit-node';
import { AuditStore } from '../database/AuditStore';
import { AuditRetention } from '../retention/AuditRetention';
import { AuditWriter } from '../writer/AuditWriter';
import { DefaultAuditService, type AuditService } from './AuditService';

/**
 * Brings the audit log up: applies the migrations, starts the writer that drains this backend's
 * audit queue into PostgreSQL (flushed on shutdown), schedules retention when
 * `audit.retention.days` is set, and returns the service behind the HTTP API.
 */
export async function startAuditService(options: {
  config: RootConfigService;
  database: DatabaseService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  scheduler: SchedulerService;
  queue: AuditEventQueue;
}): Promise<AuditService> {
  const { config, database, logger, lifecycle, scheduler, queue } = options;
  const store = await AuditStore.create(database);

  const writer = new AuditWriter({
    queue,
    store,
    logger: logger.child({ component: 'audit-writer' }),
    batchSize: config.getOptionalNumber('audit.writer.batchSize'),
    intervalMs: config.getOptionalNumber('audit.writer.intervalMs'),
  });
  writer.start();
  lifecycle.addShutdownHook(() =>
    writer.stop({
      timeoutMs: config.getOptionalNumber('audit.writer.shutdownTimeoutMs'),
    }),
  );

  const retentionDays = config.getOptionalNumber('audit.retention.days');
  if (retentionDays !== undefined) {
    const retention = new AuditRetention({
      store,
      queue,
      logger: logger.child({ component: 'audit-retention' }),
      retentionDays,
    });
    const schedule = config.has('audit.retention.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('audit.retention.schedule'),
        )
      : {
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
        };
    await scheduler.scheduleTask({
      id: 'audit-retention',
      ...schedule,
      // One replica at a time: the scheduler's global lock.
      scope: 'global',
      fn: async () => {
        await retention.run();
      },
    });
  }

  return new DefaultAuditService({ store, queue });
}
