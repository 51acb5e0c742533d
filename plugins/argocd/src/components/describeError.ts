/**
 * A one-line message for an error from the Argo CD backend: the message in Backstage's error body
 * (ResponseError.body.error.message) when there is one, else the error's own message.
 */
export function describeError(error: unknown): string {
  const body = (
    error as { body?: { error?: { message?: unknown } } } | undefined
  )?.body;
  const bodyMessage = body?.error?.message;
  if (typeof bodyMessage === 'string' && bodyMessage) return bodyMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}
