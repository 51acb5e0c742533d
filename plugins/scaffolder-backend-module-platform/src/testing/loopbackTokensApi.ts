/*
 * The loopback Git server's token API: POST /api/tokens (admin bearer) issues a token for some
 * repositories, DELETE /api/tokens/current revokes the token it is called with.
 */
import http from 'node:http';
import {
  credentialsOf,
  readBody,
  SEGMENT,
  sendJson,
  unauthorized,
} from './loopbackHttp';
import { LoopbackTokenIssuer, secretEquals } from './loopbackTokens';

export async function handleTokenRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  adminToken: string,
  tokens: LoopbackTokenIssuer,
): Promise<void> {
  if (req.method === 'DELETE' && req.url === '/api/tokens/current') {
    const secret = credentialsOf(req);
    if (!secret || !tokens.revoke(secret)) {
      unauthorized(res, 'unknown or expired token');
      return;
    }
    res.writeHead(204).end();
    return;
  }
  if (req.method !== 'POST' || req.url !== '/api/tokens') {
    sendJson(res, 404, { message: 'Not Found' });
    return;
  }
  const secret = credentialsOf(req);
  if (!secret || !secretEquals(secret, adminToken)) {
    unauthorized(res, 'admin token required');
    return;
  }
  let body: any;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    sendJson(res, 400, { message: 'body must be JSON' });
    return;
  }
  const repositories: unknown = body?.repositories;
  if (
    !Array.isArray(repositories) ||
    repositories.length === 0 ||
    !repositories.every(
      r =>
        typeof r === 'string' &&
        r.split('/').length === 2 &&
        r.split('/').every(s => SEGMENT.test(s)),
    )
  ) {
    sendJson(res, 422, {
      message: 'repositories must be a non-empty list of "owner/repo"',
    });
    return;
  }
  const permission = body?.permission === 'read' ? 'read' : 'write';
  const ttlSeconds = Number(body?.ttlSeconds ?? 600);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 3600) {
    sendJson(res, 422, {
      message: 'ttlSeconds must be an integer between 1 and 3600',
    });
    return;
  }
  const issued = tokens.issue({
    repositories: repositories as string[],
    permission,
    create: body?.create === true,
    ttlSeconds,
  });
  sendJson(res, 201, {
    token: issued.token,
    expires_at: issued.expiresAt.toISOString(),
    repositories,
    permission,
    create: body?.create === true,
  });
}
