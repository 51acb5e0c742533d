import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  MAX_STATUS_ENTITY_REFS,
  type ApplicationActionRequest,
  type ApplicationActionResponse,
  type ArgoApplicationRef,
  type ArgoConfigResponse,
  type EntityArgoDetail,
  type StatusRequest,
  type StatusResponse,
} from '@internal/plugin-argocd-common';
import type { ArgocdApi, EntityArgoStatusResult } from './ArgocdApi';
import { BatchLoader } from './BatchLoader';

/** How long a status answer is reused (the backend's view refreshes on a schedule anyway). */
const STATUS_TTL_MS = 15_000;
/** Most statuses kept (the oldest go first), however many pages a session visits. */
const STATUS_CACHE_MAX_ENTRIES = 2_000;

/** `/entities/:kind/:namespace/:name`, each part encoded. */
function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** {@link ArgocdApi} over HTTP, reaching the `argocd` backend plugin through discovery and fetch. */
export class ArgocdClient implements ArgocdApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;
  readonly #now: () => number;
  readonly #statusLoader: BatchLoader<string, EntityArgoStatusResult>;
  readonly #statusCache = new Map<
    string,
    { at: number; promise: Promise<EntityArgoStatusResult> }
  >();

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** Clock for the status cache (tests). */
    now?: () => number;
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
    this.#now = options.now ?? Date.now;
    this.#statusLoader = new BatchLoader({
      maxBatchSize: MAX_STATUS_ENTITY_REFS,
      loadBatch: refs => this.#loadStatuses(refs),
    });
  }

  async getConfig(): Promise<ArgoConfigResponse> {
    return (await this.#request('/config')).json();
  }

  getEntityStatus(
    entityRef: string,
    options?: { fresh?: boolean },
  ): Promise<EntityArgoStatusResult> {
    const cached = this.#statusCache.get(entityRef);
    if (!options?.fresh && cached && this.#now() - cached.at < STATUS_TTL_MS) {
      return cached.promise;
    }
    const promise = this.#statusLoader.load(entityRef);
    this.#statusCache.delete(entityRef);
    while (this.#statusCache.size >= STATUS_CACHE_MAX_ENTRIES) {
      const oldest = this.#statusCache.keys().next().value;
      if (oldest === undefined) break;
      this.#statusCache.delete(oldest);
    }
    this.#statusCache.set(entityRef, { at: this.#now(), promise });
    // A failure is not cached: the next view asks again.
    promise.catch(() => {
      if (this.#statusCache.get(entityRef)?.promise === promise) {
        this.#statusCache.delete(entityRef);
      }
    });
    return promise;
  }

  async getEntityDetail(entityRef: string): Promise<EntityArgoDetail> {
    return (await this.#request(entityPath(entityRef))).json();
  }

  sync(
    entityRef: string,
    application: ArgoApplicationRef,
  ): Promise<ApplicationActionResponse> {
    return this.#action(entityRef, 'sync', application);
  }

  refresh(
    entityRef: string,
    application: ArgoApplicationRef,
  ): Promise<ApplicationActionResponse> {
    return this.#action(entityRef, 'refresh', application);
  }

  async #action(
    entityRef: string,
    action: 'sync' | 'refresh',
    application: ArgoApplicationRef,
  ): Promise<ApplicationActionResponse> {
    const app = [application.instance, application.name]
      .map(encodeURIComponent)
      .join('/');
    const body: ApplicationActionRequest = application.appNamespace
      ? { appNamespace: application.appNamespace }
      : {};
    const response = await this.#request(
      `${entityPath(entityRef)}/applications/${app}/${action}`,
      { method: 'POST', body },
    );
    // The entity's statuses changed: do not serve the cached ones.
    this.#statusCache.delete(entityRef);
    return response.json();
  }

  async #loadStatuses(
    entityRefs: string[],
  ): Promise<Map<string, EntityArgoStatusResult>> {
    const request: StatusRequest = { entityRefs };
    const response = await this.#request('/status', {
      method: 'POST',
      body: request,
    });
    const body = (await response.json()) as StatusResponse;
    const result = new Map<string, EntityArgoStatusResult>();
    for (const ref of entityRefs) {
      const status = body.items?.[ref];
      if (status) result.set(ref, { status, instances: body.instances ?? [] });
    }
    return result;
  }

  async #request(
    path: string,
    options: { method?: 'GET' | 'POST'; body?: unknown } = {},
  ): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('argocd');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers:
        options.body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body:
        options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
