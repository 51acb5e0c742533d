import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ProvisioningRunDetail,
  RunListPage,
  RunListQuery,
} from '@internal/plugin-provisioning-common';
import type { ProvisioningApi } from './ProvisioningApi';

/** {@link ProvisioningApi} over HTTP, through discovery and fetch. */
export class ProvisioningClient implements ProvisioningApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listRuns(query: RunListQuery = {}): Promise<RunListPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return (await this.#get(`/runs${qs ? `?${qs}` : ''}`)).json();
  }

  async getRun(id: string): Promise<ProvisioningRunDetail> {
    return (await this.#get(`/runs/${encodeURIComponent(id)}`)).json();
  }

  async #get(path: string): Promise<Response> {
    const base = await this.#discoveryApi.getBaseUrl('provisioning');
    const response = await this.#fetchApi.fetch(`${base}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
