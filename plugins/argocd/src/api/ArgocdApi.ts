import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApplicationActionResponse,
  ArgoApplicationRef,
  ArgoConfigResponse,
  ArgoInstanceState,
  EntityArgoDetail,
  EntityArgoStatus,
} from '@internal/plugin-argocd-common';

/** An entity's status at a glance, with the state of the instances it came from. */
export interface EntityArgoStatusResult {
  status: EntityArgoStatus;
  /** State of every configured instance, as reported with the batch that carried this status. */
  instances: ArgoInstanceState[];
}

/** The browser's view of Portico's Argo CD backend (`/api/argocd`). */
export interface ArgocdApi {
  /** Whether Argo CD instances are configured, and their UI links. */
  getConfig(): Promise<ArgoConfigResponse>;
  /**
   * Status of one entity at a glance. Calls made in the same tick are merged into one
   * `POST /status`, so a page of N rows costs one request. Answers are reused for a while unless
   * `fresh` (after a change signal) asks past that cache.
   */
  getEntityStatus(
    entityRef: string,
    options?: { fresh?: boolean },
  ): Promise<EntityArgoStatusResult>;
  /** Everything the entity page shows: applications, history, resources, instance states. */
  getEntityDetail(entityRef: string): Promise<EntityArgoDetail>;
  /**
   * Starts a sync of one application of the entity (the backend acts only on applications tied
   * to the entity's owning team).
   */
  sync(
    entityRef: string,
    application: ArgoApplicationRef,
  ): Promise<ApplicationActionResponse>;
  /** Hard-refreshes one application of the entity. */
  refresh(
    entityRef: string,
    application: ArgoApplicationRef,
  ): Promise<ApplicationActionResponse>;
}

/** Reference to the {@link ArgocdApi}. */
export const argocdApiRef = createApiRef<ArgocdApi>({
  id: 'plugin.argocd.portico',
});
