/*
 * The plumbing every fake kube-apiserver of the tests shares: a loopback HTTP server that checks
 * the bearer token (401 with a meta/v1 Status otherwise), records every request and answers with
 * JSON. Each fake supplies only its routes.
 */
import http from 'node:http';

/** A meta/v1 Status as the API server answers errors with. */
export function statusObject(
  code: number,
  reason: string,
  message: string,
  details?: object,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** What a fake answers: a status code and the JSON body. */
export interface FakeApiReply {
  status: number;
  body: object;
}

/** An error answer: the status code and its meta/v1 Status. */
export function statusReply(
  code: number,
  reason: string,
  message: string,
  details?: object,
): FakeApiReply {
  return { status: code, body: statusObject(code, reason, message, details) };
}

/** 404 for a path (or method) the fake does not serve. */
export function notServed(): FakeApiReply {
  return statusReply(
    404,
    'NotFound',
    'the server could not find the requested resource',
  );
}

export interface FakeApiServer {
  url: string;
  token: string;
  /** Every request, as `describe` wrote it (by default `GET /path?query`, as sent). */
  requests: string[];
  stop(): Promise<void>;
}

export async function startFakeApiServer(options: {
  token: string;
  /** How a request is recorded in `requests`. */
  describe?: (req: http.IncomingMessage, url: URL) => string;
  /** Answers a request that carries the token. */
  handle: (
    req: http.IncomingMessage,
    url: URL,
    requests: readonly string[],
  ) => FakeApiReply;
}): Promise<FakeApiServer> {
  const { token } = options;
  const describe =
    options.describe ??
    ((req, url) => `${req.method} ${url.pathname}${url.search}`);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://kube');
    requests.push(describe(req, url));
    const { status, body } =
      req.headers.authorization === `Bearer ${token}`
        ? options.handle(req, url, requests)
        : statusReply(401, 'Unauthorized', 'Unauthorized');
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
