import { isError, ResponseError } from '@backstage/errors';

/** What the page tells the user about a failed audit API call. */
export interface AuditErrorDescription {
  /** The caller may not read the audit log (HTTP 403). */
  forbidden: boolean;
  /** HTTP status, when the backend answered. */
  statusCode?: number;
  /** The backend's own message (e.g. "Invalid from: ..."), else the error's message. */
  message: string;
}

function isResponseError(error: unknown): error is ResponseError {
  return (
    error instanceof ResponseError ||
    (isError(error) &&
      error.name === 'ResponseError' &&
      typeof (error as Partial<ResponseError>).statusCode === 'number')
  );
}

/**
 * Turns an error thrown by the {@link AuditApi} into what the page shows: the backend's message
 * rather than the generic "Request failed with 400 Bad Request".
 */
export function describeAuditError(error: unknown): AuditErrorDescription {
  if (isResponseError(error)) {
    const backendMessage = error.cause?.message;
    return {
      forbidden: error.statusCode === 403,
      statusCode: error.statusCode,
      message: backendMessage ? backendMessage : error.message,
    };
  }
  if (isError(error)) {
    return { forbidden: false, message: error.message };
  }
  return { forbidden: false, message: String(error) };
}
