/** A failed Argo CD call: HTTP status (0 when unreachable/timeout) and Argo CD's message. */
export class ArgoCdError extends Error {
  constructor(
    readonly instance: string,
    readonly status: number,
    message: string,
  ) {
    super(`Argo CD instance '${instance}': ${message}`);
    this.name = 'ArgoCdError';
  }
}
