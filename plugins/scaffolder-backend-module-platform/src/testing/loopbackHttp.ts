/*
 * HTTP plumbing of the loopback Git server: the secret a request carries (bearer, or the Basic
 * password/user Git sends), JSON and 401 answers, a bounded request body.
 */
import http from 'node:http';

/** An owner or repository name the server accepts. */
export const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function credentialsOf(req: http.IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) {
    return undefined;
  }
  const [scheme, value] = header.split(' ', 2);
  if (/^bearer$/i.test(scheme) && value) {
    return value.trim();
  }
  if (/^basic$/i.test(scheme) && value) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const password = colon >= 0 ? decoded.slice(colon + 1) : '';
    return password || user || undefined;
  }
  return undefined;
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function unauthorized(res: http.ServerResponse, message: string) {
  res.writeHead(401, {
    'www-authenticate': 'Basic realm="portico-git"',
    'content-type': 'text/plain',
  });
  res.end(message);
}

export async function readBody(
  req: http.IncomingMessage,
  limit = 64 * 1024,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new Error('body too large');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
