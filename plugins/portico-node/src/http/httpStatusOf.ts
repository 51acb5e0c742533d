import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

const STATUS_BY_NAME: Record<string, number> = {
  [InputError.name]: 400,
  [AuthenticationError.name]: 401,
  [NotAllowedError.name]: 403,
  [NotFoundError.name]: 404,
  [ConflictError.name]: 409,
  [ServiceUnavailableError.name]: 503,
};

/**
 * The HTTP status an error is answered with, as the backend's error handler decides it: its own
 * numeric `statusCode`, else the status of a `@backstage/errors` class by name, else 500. Audit
 * records use it so the record and the answer never disagree.
 */
export function httpStatusOf(error: unknown): number {
  const code = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof code === 'number' && code >= 100 && code < 600) return code;
  const name = (error as { name?: unknown } | undefined)?.name;
  return (typeof name === 'string' && STATUS_BY_NAME[name]) || 500;
}
