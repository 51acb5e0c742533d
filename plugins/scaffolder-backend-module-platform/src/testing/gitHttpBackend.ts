/*
 * Serves one smart-HTTP Git request with `git http-backend` (CGI): the request is piped to it,
 * its CGI headers become the HTTP status and headers, its body is streamed back.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';

export interface GitHttpBackendRequest {
  /** GIT_PROJECT_ROOT: the directory holding `<owner>/<repo>.git`. */
  root: string;
  /** PATH_INFO, e.g. `/owner/repo.git/info/refs`. */
  path: string;
  query: string;
  /** REMOTE_USER (`admin` or `token`). */
  remoteUser: string;
}

export function pipeToGitHttpBackend(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  { root, path, query, remoteUser }: GitHttpBackendRequest,
): void {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
    PATH_INFO: path,
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: query,
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_USER: remoteUser,
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
  };
  if (req.headers['content-encoding']) {
    env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
  }
  if (req.headers['content-length']) {
    env.CONTENT_LENGTH = String(req.headers['content-length']);
  }
  const child = spawn('git', ['http-backend'], { env });
  req.pipe(child.stdin);
  let headerBuffer = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    headerBuffer = Buffer.concat([headerBuffer, chunk]);
    let end = headerBuffer.indexOf('\r\n\r\n');
    let sep = 4;
    if (end < 0) {
      end = headerBuffer.indexOf('\n\n');
      sep = 2;
    }
    if (end < 0) {
      return;
    }
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of headerBuffer
      .subarray(0, end)
      .toString('utf8')
      .split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') {
        status = parseInt(value, 10) || 200;
      } else {
        headers[name] = value;
      }
    }
    res.writeHead(status, headers);
    res.write(headerBuffer.subarray(end + sep));
  });
  child.stdout.on('end', () => res.end());
  child.on('error', () => {
    if (!res.headersSent) {
      res.writeHead(500).end('git http-backend failed');
    }
  });
}
