import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { AuditRedactor } from './AuditRedactor';
import { secretsByKeyName, secretsFromConfigSchema } from './configSecrets';

/**
 * The backend's redactor: knows the config values under credential-like keys at once, and those
 * that the config schema declares secret as soon as the schema is loaded (in a worker thread, a
 * few seconds after start; `audit.redaction.configSchemaSecrets: false` turns that off). Both
 * lists are refreshed when the configuration changes.
 */
export function createAuditRedactor(options: {
  config: RootConfigService;
  logger: LoggerService;
}): { redactor: AuditRedactor; schemaSecretsLoaded: Promise<void> } {
  const { config, logger } = options;
  const redactor = new AuditRedactor(secretsByKeyName(config.getOptional()));
  const useSchema =
    config.getOptionalBoolean('audit.redaction.configSchemaSecrets') ?? true;

  const loadSchemaSecrets = async () => {
    if (!useSchema) {
      return;
    }
    try {
      redactor.addSecrets(
        await secretsFromConfigSchema({ data: config.getOptional() }),
      );
    } catch (error) {
      logger.warn(
        `Audit redaction: could not enumerate the config schema's secrets, only values under credential-like keys are redacted: ${error}`,
      );
    }
  };

  config.subscribe?.(() => {
    redactor.addSecrets(secretsByKeyName(config.getOptional()));
    void loadSchemaSecrets();
  });
  return { redactor, schemaSecretsLoaded: loadSchemaSecrets() };
}
