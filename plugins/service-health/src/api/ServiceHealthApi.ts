import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  BatchResponse,
  BlastRadiusResponse,
  CodeResponse,
  EntityCompliance,
  EntityVulnerabilities,
} from '@internal/plugin-service-health-common';

/** The browser's view of the service-health backend (`/api/service-health`). */
export interface ServiceHealthApi {
  /**
   * The entity's repository, commits, runs and code scanning. The Code and CI/CD cards ask at the
   * same time: they share one request.
   */
  getCode(entityRef: string): Promise<CodeResponse>;
  /** CI and alert counts of a catalog page: one request for all its rows. */
  getBatch(entityRefs: string[]): Promise<BatchResponse>;
  /** CVEs in the entity's running images (details for its owners, counts for everyone). */
  getVulnerabilities(entityRef: string): Promise<EntityVulnerabilities>;
  /** Policy compliance: score and checks (failed objects for its owners). */
  getCompliance(entityRef: string): Promise<EntityCompliance>;
  /** Who breaks when the entity breaks: its transitive dependents and their owners. */
  getBlastRadius(entityRef: string): Promise<BlastRadiusResponse>;
}

export const serviceHealthApiRef = createApiRef<ServiceHealthApi>({
  id: 'plugin.service-health',
});
