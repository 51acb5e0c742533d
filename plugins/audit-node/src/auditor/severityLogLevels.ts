import type {
  AuditorServiceEventSeverityLevel,
  RootConfigService,
} from '@backstage/backend-plugin-api';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const DEFAULTS: Record<AuditorServiceEventSeverityLevel, LogLevel> = {
  low: 'debug',
  medium: 'info',
  high: 'info',
  critical: 'info',
};

/**
 * The log level of each severity, from `backend.auditor.severityLogLevelMappings` with the same
 * defaults and the same error as the upstream auditor of `@backstage/backend-defaults`.
 */
export function getSeverityLogLevelMappings(
  config: RootConfigService,
): Record<AuditorServiceEventSeverityLevel, LogLevel> {
  const mappings = { ...DEFAULTS };
  for (const severity of Object.keys(
    DEFAULTS,
  ) as AuditorServiceEventSeverityLevel[]) {
    const value = config.getOptionalString(
      `backend.auditor.severityLogLevelMappings.${severity}`,
    );
    if (value === undefined) {
      continue;
    }
    if (!LOG_LEVELS.includes(value as LogLevel)) {
      throw new Error(
        `The configuration value for 'backend.auditor.severityLogLevelMappings.${severity}' was given an invalid value: '${value}'. Expected one of the following valid values: '${LOG_LEVELS.join(
          ', ',
        )}'.`,
      );
    }
    mappings[severity] = value as LogLevel;
  }
  return mappings;
}
