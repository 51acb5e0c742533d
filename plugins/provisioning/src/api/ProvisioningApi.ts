import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ProvisioningRunDetail,
  RunListPage,
  RunListQuery,
} from '@internal/plugin-provisioning-common';

/**
 * The provisioning backend as the page and the entity tab use it. Methods reject with a
 * `ResponseError` (from `@backstage/errors`) on an error status.
 */
export interface ProvisioningApi {
  /** Runs, newest first. */
  listRuns(query?: RunListQuery): Promise<RunListPage>;
  /** One run with its timeline. */
  getRun(id: string): Promise<ProvisioningRunDetail>;
}

export const provisioningApiRef = createApiRef<ProvisioningApi>().with({
  id: 'plugin.provisioning.api',
  pluginId: 'provisioning',
});
