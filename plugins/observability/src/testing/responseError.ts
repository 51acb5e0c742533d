import { ResponseError } from '@backstage/errors';

/** The `ResponseError` the client throws for a backend error answer with this message. */
export function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: status === 403 ? 'NotAllowedError' : 'UpstreamError',
          message,
        },
        request: { method: 'GET', url: '/api/observability/x' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
