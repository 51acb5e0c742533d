import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AUDIT_FILTER_KEYS,
  AUDIT_PAGE_SIZE_MAX,
  type AuditChainVerification,
  type AuditEvent,
  type AuditEventFilter,
  type AuditEventPage,
  type AuditWriterStatus,
} from '@internal/plugin-audit-common';
import type { AuditApi, ListAuditEventsOptions } from './AuditApi';

const FILTER_KEYS: ReadonlyArray<keyof AuditEventFilter> = AUDIT_FILTER_KEYS;

/** Query string (with its `?`, or empty) of the non-empty values, each URL-encoded. */
function queryString(values: Record<string, string | number | undefined>) {
  const parts = Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`,
    );
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function filterValues(filter: AuditEventFilter = {}) {
  return Object.fromEntries(FILTER_KEYS.map(key => [key, filter[key]]));
}

/** {@link AuditApi} over HTTP, reaching the `audit` backend plugin through discovery and fetch. */
export class AuditClient implements AuditApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listEvents(
    options: ListAuditEventsOptions = {},
  ): Promise<AuditEventPage> {
    const limit =
      options.limit === undefined
        ? undefined
        : Math.min(Math.max(1, Math.floor(options.limit)), AUDIT_PAGE_SIZE_MAX);
    const response = await this.#get(
      `/events${queryString({
        ...filterValues(options.filter),
        cursor: options.cursor,
        limit,
      })}`,
    );
    return (await response.json()) as AuditEventPage;
  }

  async getEvent(id: string): Promise<AuditEvent> {
    const response = await this.#get(`/events/${encodeURIComponent(id)}`);
    return (await response.json()) as AuditEvent;
  }

  async exportCsv(filter?: AuditEventFilter): Promise<Blob> {
    const response = await this.#get(
      `/events.csv${queryString(filterValues(filter))}`,
      'text/csv',
    );
    return await response.blob();
  }

  async verifyChain(): Promise<AuditChainVerification> {
    const response = await this.#get('/verify');
    return (await response.json()) as AuditChainVerification;
  }

  async getWriterStatus(): Promise<AuditWriterStatus> {
    const response = await this.#get('/status');
    return (await response.json()) as AuditWriterStatus;
  }

  async #get(path: string, accept = 'application/json'): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('audit');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, {
      headers: { Accept: accept },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
