import { ResponseError } from '@backstage/errors';
import { responseError } from '../testing/responseError';
import { describeAuditError } from './describeAuditError';

describe('describeAuditError', () => {
  it("uses the backend's message and status", async () => {
    expect(
      describeAuditError(await responseError(400, "Invalid 'outcome': maybe")),
    ).toEqual({
      forbidden: false,
      statusCode: 400,
      message: "Invalid 'outcome': maybe",
    });
  });

  it('flags a 403 as forbidden', async () => {
    expect(describeAuditError(await responseError(403, 'nope')).forbidden).toBe(
      true,
    );
  });

  it('falls back to the status line when the body is not a Backstage error', async () => {
    const error = await ResponseError.fromResponse(
      new Response('<html>bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
      }),
    );
    expect(describeAuditError(error).statusCode).toBe(502);
    expect(describeAuditError(error).message).toMatch(/502/);
  });

  it('describes other errors and values', () => {
    expect(describeAuditError(new TypeError('Failed to fetch'))).toEqual({
      forbidden: false,
      message: 'Failed to fetch',
    });
    expect(describeAuditError('boom').message).toBe('boom');
  });
});
