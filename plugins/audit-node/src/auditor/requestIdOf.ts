/** What a caller-provided request id may look like; anything else is replaced by a UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The `x-request-id` header of an HTTP request, when present and well-formed. */
export function requestIdOf(request?: {
  get(name: string): string | string[] | undefined;
}): string | undefined {
  const header = request?.get('x-request-id');
  const value = Array.isArray(header) ? header[0] : header;
  const trimmed = value?.trim();
  return trimmed && REQUEST_ID.test(trimmed) ? trimmed : undefined;
}
