import { isTimeout } from '@internal/plugin-portico-node';
import type { WebhookRunPayload } from '@internal/plugin-provisioning-common';

/** How one webhook request ended. */
export type WebhookOutcome =
  | { kind: 'delivered'; status: number }
  /** Worth another try: network error, timeout, 408, 429, 5xx. */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** The webhook refused the request for good (other 4xx). */
  | { kind: 'permanent'; error: string };

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The error of a failed fetch, without anything from the request (no token can leak). */
function describeFetchError(error: unknown, timeoutMs: number): string {
  if (isTimeout(error)) return `no answer within ${timeoutMs} ms`;
  const code = (error as { cause?: { code?: string } } | undefined)?.cause
    ?.code;
  return code ? `network error ${code}` : 'network error';
}

/**
 * POSTs one run to the Argo Events webhook EventSource: JSON body, `Authorization: Bearer` with
 * the EventSource's secret (if configured) and an `Idempotency-Key` header. Never throws.
 */
export async function postToWebhook(options: {
  url: string;
  authToken?: string;
  idempotencyKey: string;
  payload: WebhookRunPayload;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<WebhookOutcome> {
  const signals = [AbortSignal.timeout(options.timeoutMs)];
  if (options.signal) signals.push(options.signal);
  try {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': options.idempotencyKey,
        ...(options.authToken
          ? { authorization: `Bearer ${options.authToken}` }
          : {}),
      },
      body: JSON.stringify(options.payload),
      signal: AbortSignal.any(signals),
      redirect: 'error',
    });
    // Drain the body so the connection can be reused; its content is not needed.
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return { kind: 'delivered', status: res.status };
    const error = `webhook answered ${res.status}${
      res.statusText ? ` ${res.statusText}` : ''
    }`;
    if (res.status === 408 || res.status === 429 || res.status >= 500) {
      return {
        kind: 'retry',
        error,
        retryAfterMs: retryAfter(res.headers.get('retry-after')),
      };
    }
    return { kind: 'permanent', error };
  } catch (error) {
    return {
      kind: 'retry',
      error: describeFetchError(error, options.timeoutMs),
    };
  }
}
