import type { ArgoInstanceConfig } from '../config/readArgoConfig';
import { isTimeout } from '@internal/plugin-portico-node';
import { ArgoCdError } from './ArgoCdError';
import { SessionTokens } from './SessionTokens';
import { APPLICATION_LIST_FIELDS } from './applicationFields';

export type ArgoApplication = Record<string, any> & {
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
  };
};

export interface RevisionMetadata {
  author?: string;
  date?: string;
  message?: string;
}

interface CallOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  timeoutMs?: number;
  /** Instead of the timeout (a stream that stays open): the caller ends the call. */
  signal?: AbortSignal;
}

/** Calls to one Argo CD instance. Never logs or returns the token. */
export class ArgoCdClient {
  private readonly tokens: SessionTokens;

  constructor(
    readonly instance: ArgoInstanceConfig,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch = fetch,
  ) {
    this.tokens = new SessionTokens(
      instance.name,
      instance.url,
      instance.auth,
      timeoutMs,
      fetchFn,
    );
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    options: CallOptions = {},
  ): Promise<T> {
    const res = await this.callResponse(method, path, options);
    return JSON.parse(await res.text()) as T;
  }

  /** The successful response (after a session renewal if needed); errors as ArgoCdError. */
  private async callResponse(
    method: 'GET' | 'POST',
    path: string,
    options: CallOptions,
  ): Promise<Response> {
    const url = new URL(`${this.instance.url}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined && v !== '') url.searchParams.set(k, v);
    }
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.token();
      let res: Response;
      try {
        res = await this.fetchFn(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(options.body ? { 'content-type': 'application/json' } : {}),
          },
          body: options.body ? JSON.stringify(options.body) : undefined,
          signal:
            options.signal ??
            AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
        });
      } catch (e) {
        const reason = isTimeout(e)
          ? 'timed out'
          : `unreachable (${(e as Error).message})`;
        throw new ArgoCdError(this.instance.name, 0, reason);
      }
      if (res.status === 401 && attempt === 0 && this.tokens.renewable) {
        this.tokens.invalidate(token);
        continue;
      }
      if (!res.ok) {
        let message = `HTTP ${res.status}`;
        try {
          const body = (await res.json()) as { message?: string };
          if (typeof body.message === 'string')
            message = `HTTP ${res.status}: ${body.message.slice(0, 300)}`;
        } catch {
          // not JSON
        }
        throw new ArgoCdError(this.instance.name, res.status, message);
      }
      return res;
    }
  }

  /**
   * The field-selected list response as Argo CD sent it (APPLICATION_LIST_FIELDS only), so an
   * unchanged list is recognised by its hash without being parsed.
   */
  async listApplicationsRaw(timeoutMs?: number): Promise<Uint8Array> {
    const res = await this.callResponse('GET', '/api/v1/applications', {
      query: { fields: APPLICATION_LIST_FIELDS.join(',') },
      timeoutMs,
    });
    // bytes, not text: the list goes to the parser thread as is (transferred, not copied)
    return new Uint8Array(await res.arrayBuffer());
  }

  /**
   * The watch stream (`/api/v1/stream/applications`, one JSON result per line), from
   * `resourceVersion` if given. It has no field selection (see applicationFields); the list's
   * other query parameters are not used either, so it covers what the list covers. `signal`
   * ends it.
   */
  async watchApplications(
    resourceVersion: string | undefined,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>> {
    const res = await this.callResponse('GET', '/api/v1/stream/applications', {
      query: { resourceVersion },
      signal,
    });
    if (!res.body)
      throw new ArgoCdError(this.instance.name, 0, 'empty watch response');
    return res.body;
  }

  /**
   * One application. With `project`, Argo CD answers 403 (permission denied) unless the
   * application is in that project.
   */
  getApplication(
    name: string,
    appNamespace: string,
    refresh?: 'hard' | 'normal',
    project?: string,
  ) {
    return this.call<ArgoApplication>(
      'GET',
      `/api/v1/applications/${encodeURIComponent(name)}`,
      {
        query: { appNamespace, refresh, project },
      },
    );
  }

  revisionMetadata(name: string, appNamespace: string, revision: string) {
    return this.call<RevisionMetadata>(
      'GET',
      `/api/v1/applications/${encodeURIComponent(
        name,
      )}/revisions/${encodeURIComponent(revision)}/metadata`,
      { query: { appNamespace } },
    );
  }

  /** Syncs one application; Argo CD refuses (403) unless it is in `project`. */
  sync(name: string, appNamespace: string, project: string) {
    return this.call<ArgoApplication>(
      'POST',
      `/api/v1/applications/${encodeURIComponent(name)}/sync`,
      {
        body: { name, appNamespace, project },
      },
    );
  }
}
