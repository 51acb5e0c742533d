import { CustomErrorBase } from '@backstage/errors';

/** 429: the caller is over a limit; `retryAfterSeconds` goes into the Retry-After header. */
export class TooManyRequestsError extends CustomErrorBase {
  readonly statusCode = 429;

  constructor(message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}

/** Same answer for an unknown run and a wrong token: a caller without the token learns nothing. */
export const UNKNOWN_RUN_OR_TOKEN =
  'Unknown provisioning run or wrong callback token';

/** The answer to a run's own token after its lifetime. */
export const TOKEN_EXPIRED = 'The callback token of this run has expired';
