import { ResponseError } from '@backstage/errors';

const STATUS_NAMES: Record<number, string> = {
  400: 'InputError',
  403: 'NotAllowedError',
  404: 'NotFoundError',
  500: 'Error',
};

/** The `ResponseError` the client throws for a backend error answer with this message. */
export function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: STATUS_NAMES[status] ?? 'Error', message },
        request: { method: 'GET', url: '/api/audit/events' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
