/**
 * A failure of Prometheus, Loki or Grafana, with the status the browser gets (502 or 504) and a
 * message that names the upstream and the signal but never the query, its template or a URL.
 */
export class UpstreamError extends Error {
  constructor(message: string, readonly statusCode: 502 | 504) {
    super(message);
    this.name = statusCode === 504 ? 'UpstreamTimeoutError' : 'UpstreamError';
  }
}

/** Turns a fetch failure into an UpstreamError: a timeout (504) or unreachable (502). */
export function fetchFailure(
  upstream: string,
  timeoutMs: number,
  error: unknown,
): UpstreamError {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new UpstreamError(
      `${upstream} did not answer within ${timeoutMs / 1000}s`,
      504,
    );
  }
  return new UpstreamError(`${upstream} is unreachable`, 502);
}
