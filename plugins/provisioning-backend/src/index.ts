/**
 * Provisioning runs: PostgreSQL outbox delivered to an Argo Events webhook, progress callbacks
 * from the workflow.
 *
 * @packageDocumentation
 */
export { provisioningPlugin } from './plugin';
export { applyProvisioningMigrations } from './database/migrations';
