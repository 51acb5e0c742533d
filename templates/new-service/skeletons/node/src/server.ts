import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

export const SERVICE_NAME = '${{ values.name }}';

/** Readiness: true until the process is asked to stop, so Kubernetes drains it first. */
export interface Readiness {
  ready: boolean;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

export function handle(
  readiness: Readiness,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: 'method not allowed' });
    return;
  }
  switch (path) {
    case '/healthz':
      sendJson(res, 200, { status: 'ok' });
      return;
    case '/readyz':
      if (readiness.ready) sendJson(res, 200, { status: 'ready' });
      else sendJson(res, 503, { status: 'shutting down' });
      return;
    case '/':
      sendJson(res, 200, { service: SERVICE_NAME });
      return;
    default:
      sendJson(res, 404, { error: 'not found' });
  }
}

export function createApp(readiness: Readiness = { ready: true }): Server {
  return createServer((req, res) => handle(readiness, req, res));
}
