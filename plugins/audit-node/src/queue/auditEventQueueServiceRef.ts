import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  type ServiceRef,
} from '@backstage/backend-plugin-api';
import type { AuditEventQueue } from './AuditEventQueue';
import { BoundedAuditEventQueue } from './BoundedAuditEventQueue';

function queueFactory(service: ServiceRef<AuditEventQueue, 'root'>) {
  return createServiceFactory({
    service,
    deps: {
      config: coreServices.rootConfig,
      logger: coreServices.rootLogger,
    },
    factory({ config, logger }) {
      return new BoundedAuditEventQueue({
        capacity: config.getOptionalNumber('audit.buffer.capacity'),
        durableTimeoutMs:
          (config.getOptionalNumber('audit.buffer.durableTimeoutSeconds') ??
            10) * 1000,
        logger: logger.child({ component: 'audit-queue' }),
      });
    },
  });
}

/**
 * The backend's one queue of audit events waiting to be stored (root scope: shared by every
 * plugin's auditor and the audit backend's writer). Capacity: `audit.buffer.capacity`.
 *
 * @public
 */
export const auditEventQueueServiceRef = createServiceRef<AuditEventQueue>({
  id: 'portico.audit.event-queue',
  scope: 'root',
  defaultFactory: async service => queueFactory(service),
});

/**
 * The default factory of {@link auditEventQueueServiceRef}, for tests and explicit wiring.
 *
 * @public
 */
export const auditEventQueueServiceFactory = queueFactory(
  auditEventQueueServiceRef,
);
