import { CustomErrorBase } from '@backstage/errors';

/** 429: the caller is over a limit; `retryAfterSeconds` goes into the Retry-After header. */
export class TooManyRequestsError extends CustomErrorBase {
  readonly statusCode = 429;

  constructor(message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}
