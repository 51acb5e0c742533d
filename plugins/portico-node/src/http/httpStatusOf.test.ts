import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { httpStatusOf } from './httpStatusOf';
import { UpstreamError, fetchFailure } from './UpstreamError';

describe('httpStatusOf', () => {
  it('reads the status the error handler answers with', () => {
    expect(httpStatusOf(new InputError('x'))).toBe(400);
    expect(httpStatusOf(new NotAllowedError('x'))).toBe(403);
    expect(httpStatusOf(new NotFoundError('x'))).toBe(404);
    expect(httpStatusOf(new UpstreamError('Loki is unreachable'))).toBe(502);
    expect(httpStatusOf(new Error('boom'))).toBe(500);
    expect(httpStatusOf(undefined)).toBe(500);
  });
});

describe('fetchFailure', () => {
  it('maps a timeout to 504 and anything else to 502, naming only the upstream', () => {
    const timeout = Object.assign(new Error('t'), { name: 'TimeoutError' });
    expect(fetchFailure('Prometheus', 5000, timeout)).toMatchObject({
      statusCode: 504,
      message: 'Prometheus did not answer within 5s',
    });
    expect(
      fetchFailure(
        'Prometheus',
        5000,
        new Error('connect ECONNREFUSED 10.0.0.1'),
      ),
    ).toMatchObject({ statusCode: 502, message: 'Prometheus is unreachable' });
  });
});
