import type { AuditorLogFunction } from '@backstage/backend-defaults/auditor';
import {
  coreServices,
  createServiceFactory,
  type LoggerService,
  type RootConfigService,
} from '@backstage/backend-plugin-api';
import { auditEventQueueServiceRef } from '../queue/auditEventQueueServiceRef';
import { createAuditRedactor } from '../redaction/createAuditRedactor';
import { PorticoAuditorService } from './PorticoAuditorService';
import { getSeverityLogLevelMappings } from './severityLogLevels';

/** The log line of the upstream `auditorServiceFactory` (`@backstage/backend-defaults`), unchanged. */
function upstreamLogFunction(
  config: RootConfigService,
  logger: LoggerService,
): AuditorLogFunction {
  const auditLogger = logger.child({ isAuditEvent: true });
  const levels = getSeverityLogLevelMappings(config);
  return event => {
    if ('error' in event) {
      const { error, ...rest } = event;
      auditLogger
        .child(rest)
        [levels[event.severityLevel]](
          `${event.plugin}.${event.eventId}`,
          error,
        );
    } else {
      auditLogger[levels[event.severityLevel]](
        `${event.plugin}.${event.eventId}`,
        event,
      );
    }
  };
}

/**
 * Replaces `coreServices.auditor` for every plugin: each audit event is logged exactly as the
 * upstream auditor logs it, and also queued (redacted) on {@link auditEventQueueServiceRef} for
 * `@internal/plugin-audit-backend` to store in PostgreSQL.
 *
 * @public
 */
export const auditorServiceFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {
    config: coreServices.rootConfig,
    rootLogger: coreServices.rootLogger,
    logger: coreServices.logger,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    plugin: coreServices.pluginMetadata,
    queue: auditEventQueueServiceRef,
  },
  createRootContext({ config, rootLogger }) {
    const { redactor } = createAuditRedactor({
      config,
      logger: rootLogger.child({ component: 'audit-redaction' }),
    });
    return { redactor };
  },
  factory({ config, logger, auth, httpAuth, plugin, queue }, { redactor }) {
    return new PorticoAuditorService({
      log: upstreamLogFunction(config, logger),
      queue,
      redactor,
      logger,
      plugin,
      auth,
      httpAuth,
    });
  },
});
