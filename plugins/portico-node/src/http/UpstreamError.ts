/** The statuses an upstream's failure is answered with: unreachable or refusing, unavailable, slow. */
export type UpstreamStatus = 502 | 503 | 504;

/**
 * A failure of a system Portico talks to (Argo CD, Prometheus, Loki, Grafana, Argo Events, the
 * Kubernetes API), with the status the browser gets and a message that names the upstream but
 * never a query, a template, a URL or a credential. The backend's error handler answers it with
 * its `statusCode`.
 */
export class UpstreamError extends Error {
  constructor(message: string, readonly statusCode: UpstreamStatus = 502) {
    super(message);
    this.name = statusCode === 504 ? 'UpstreamTimeoutError' : 'UpstreamError';
  }
}

/** True for the errors `fetch` and `AbortSignal.timeout` throw when time ran out. */
export function isTimeout(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Turns a failed request to an upstream into an UpstreamError: a timeout (504) or unreachable (502). */
export function fetchFailure(
  upstream: string,
  timeoutMs: number,
  error: unknown,
): UpstreamError {
  if (isTimeout(error)) {
    return new UpstreamError(
      `${upstream} did not answer within ${timeoutMs / 1000}s`,
      504,
    );
  }
  return new UpstreamError(`${upstream} is unreachable`, 502);
}
