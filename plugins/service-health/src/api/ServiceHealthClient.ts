import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  BatchRequest,
  BatchResponse,
  BlastRadiusResponse,
  CodeResponse,
  EntityCompliance,
  EntityVulnerabilities,
} from '@internal/plugin-service-health-common';
import type { ServiceHealthApi } from './ServiceHealthApi';

/** How long an answer is shared (the backend reads GitHub on a schedule of minutes anyway). */
const CODE_TTL_MS = 10_000;

/** `/entities/:kind/:namespace/:name/<what>`, each part encoded. */
function entityPath(entityRef: string, what: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}/${what}`;
}

/** {@link ServiceHealthApi} over HTTP, through discovery and fetch. */
export class ServiceHealthClient implements ServiceHealthApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;
  readonly #now: () => number;
  readonly #code = new Map<
    string,
    { at: number; promise: Promise<CodeResponse> }
  >();

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    now?: () => number;
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
    this.#now = options.now ?? Date.now;
  }

  getCode(entityRef: string): Promise<CodeResponse> {
    const hit = this.#code.get(entityRef);
    if (hit && this.#now() - hit.at < CODE_TTL_MS) return hit.promise;
    const promise = this.#json<CodeResponse>(entityPath(entityRef, 'code'));
    promise.catch(() => this.#code.delete(entityRef));
    this.#code.set(entityRef, { at: this.#now(), promise });
    return promise;
  }

  getBatch(entityRefs: string[]): Promise<BatchResponse> {
    const body: BatchRequest = { entityRefs };
    return this.#json<BatchResponse>('/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  getVulnerabilities(entityRef: string): Promise<EntityVulnerabilities> {
    return this.#json(entityPath(entityRef, 'vulnerabilities'));
  }

  getCompliance(entityRef: string): Promise<EntityCompliance> {
    return this.#json(entityPath(entityRef, 'compliance'));
  }

  getBlastRadius(entityRef: string): Promise<BlastRadiusResponse> {
    return this.#json(entityPath(entityRef, 'blast-radius'));
  }

  async #json<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.#discoveryApi.getBaseUrl('service-health');
    const res = await this.#fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}
