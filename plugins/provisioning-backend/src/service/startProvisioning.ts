import type {
  DatabaseService,
  DiscoveryService,
  LifecycleService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  readReservedNamespaces,
  type TeamNamespacesService,
} from '@internal/plugin-portico-node';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  createCallbackTokenDelivery,
  type CallbackTokenDelivery,
} from '../callback/CallbackTokenDelivery';
import {
  readProvisioningConfig,
  type ProvisioningConfig,
} from '../config/ProvisioningConfig';
import { openProvisioningStores } from '../database/ProvisioningStores';
import { OutboxDispatcher } from '../dispatcher/OutboxDispatcher';
import type { TemplateRegistry } from '../templates/TemplateRegistry';
import {
  DefaultProvisioningService,
  type ProvisioningService,
} from './ProvisioningService';
import { TriggerRules } from './TriggerRules';

/**
 * Brings provisioning up: migrations, the outbox dispatcher (a local scheduled task on every
 * replica, safe because rows are claimed with SKIP LOCKED and a lease, plus a nudge after each
 * trigger), and the service behind the HTTP API with its trigger rules. Stops the dispatcher on shutdown.
 */
export async function startProvisioning(options: {
  config: RootConfigService;
  database: DatabaseService;
  discovery: DiscoveryService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  permissions: PermissionsService;
  teamNamespaces: TeamNamespacesService;
  /** The templates runs may be started for. */
  templates: TemplateRegistry;
  /** Replaces the delivery `provisioning.callback.tokenDelivery` names (tests). */
  tokenDelivery?: CallbackTokenDelivery;
}): Promise<{
  service: ProvisioningService;
  dispatcher: OutboxDispatcher;
  config: ProvisioningConfig;
}> {
  const { database, discovery, logger, lifecycle, scheduler } = options;
  const config = readProvisioningConfig(options.config);
  const stores = await openProvisioningStores(database);
  const tokenDelivery =
    options.tokenDelivery ?? createCallbackTokenDelivery(config);

  const dispatcher = new OutboxDispatcher({
    stores,
    config,
    logger: logger.child({ component: 'provisioning-outbox' }),
    instanceId: `${hostname()}-${process.pid}-${randomBytes(4).toString(
      'hex',
    )}`,
    callbackUrl: async runId => {
      const base =
        config.callbackBaseUrl ??
        (await discovery.getExternalBaseUrl('provisioning'));
      return `${base}/runs/${runId}/events`;
    },
    tokenDelivery,
  });
  lifecycle.addShutdownHook(() => dispatcher.stop());

  await scheduler.scheduleTask({
    id: 'provisioning-outbox',
    frequency: { milliseconds: config.intervalMs },
    timeout: { minutes: 10 },
    initialDelay: { milliseconds: Math.min(config.intervalMs, 1000) },
    // Every replica delivers; the outbox claim keeps them apart.
    scope: 'local',
    fn: async () => {
      await dispatcher.runOnce();
    },
  });

  // Token Secrets of runs whose token stopped working (one replica at a time, idempotent).
  await scheduler.scheduleTask({
    id: 'provisioning-callback-secrets',
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      await dispatcher.sweepTokenSecrets();
    },
  });

  const rules = new TriggerRules({
    runs: stores.runs,
    catalog: options.catalog,
    permissions: options.permissions,
    templates: options.templates,
    teamNamespaces: options.teamNamespaces,
    reservedNamespaces: readReservedNamespaces(options.config),
    activeRunsPerUser: config.activeRunsPerUser,
  });
  const service = new DefaultProvisioningService({
    stores,
    rules,
    onTrigger: () => dispatcher.nudge(),
    tokenDelivery,
    logger,
  });
  return { service, dispatcher, config };
}
