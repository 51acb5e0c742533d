/*
 * A small fake of the GitHub REST endpoints Portico calls for App installation tokens, serving
 * GitHub's response shapes (POST /app/installations/{id}/access_tokens → 201 installation token
 * with `repositories` and `permissions`; DELETE /installation/token → 204). The JWT is verified
 * with the App's public key, like GitHub does.
 */
import { createVerify, randomBytes } from 'node:crypto';
import http from 'node:http';

export interface FakeGitHubApi {
  url: string;
  /** Request bodies of token requests, in order. */
  tokenRequests: Array<{ installationId: string; body: any; jwtPayload: any }>;
  liveTokens: Set<string>;
  /** Make the next token response list these repositories instead of the requested ones. */
  overrideRepositories?: string[];
  stop(): Promise<void>;
}

function verifyJwt(token: string, publicKey: string): any | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  const ok = createVerify('RSA-SHA256')
    .update(`${header}.${payload}`)
    .verify(publicKey, Buffer.from(signature, 'base64url'));
  if (!ok) return undefined;
  const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const now = Math.floor(Date.now() / 1000);
  if (
    parsed.exp <= now ||
    parsed.iat > now + 60 ||
    parsed.exp - parsed.iat > 600
  )
    return undefined;
  return parsed;
}

export async function startFakeGitHubApi(options: {
  appId: string;
  publicKey: string;
  org: string;
}): Promise<FakeGitHubApi> {
  const api: Omit<FakeGitHubApi, 'url' | 'stop'> = {
    tokenRequests: [],
    liveTokens: new Set(),
  };
  const send = (res: http.ServerResponse, status: number, body?: object) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
    });
    res.end(body ? JSON.stringify(body) : undefined);
  };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const auth = String(req.headers.authorization ?? '');
    const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const m = /^\/app\/installations\/([0-9]+)\/access_tokens$/.exec(
      req.url ?? '',
    );
    if (req.method === 'POST' && m) {
      const jwt = verifyJwt(bearer, options.publicKey);
      if (!jwt || String(jwt.iss) !== options.appId) {
        send(res, 401, {
          message: 'A JSON web token could not be decoded',
          documentation_url: 'https://docs.github.com/rest',
        });
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      api.tokenRequests.push({ installationId: m[1], body, jwtPayload: jwt });
      const names: string[] =
        api.overrideRepositories ?? body.repositories ?? [];
      api.overrideRepositories = undefined;
      if (names.some(n => n === 'missing')) {
        send(res, 422, {
          message:
            'There is at least one repository that does not exist or is not accessible to the parent installation.',
          documentation_url: 'https://docs.github.com/rest',
        });
        return;
      }
      const token = `ghs_${randomBytes(18).toString('base64url')}`;
      api.liveTokens.add(token);
      send(res, 201, {
        token,
        expires_at: new Date(Date.now() + 3600_000)
          .toISOString()
          .replace(/\.\d+Z$/, 'Z'),
        permissions: body.permissions ?? { contents: 'read', metadata: 'read' },
        repository_selection: 'selected',
        repositories: names.map((name, i) => ({
          id: 1000 + i,
          node_id: `R_kgDO${i}`,
          name,
          full_name: `${options.org}/${name}`,
          private: true,
          owner: { login: options.org, id: 42, type: 'Organization' },
          html_url: `https://github.com/${options.org}/${name}`,
          default_branch: 'main',
        })),
      });
      return;
    }
    if (req.method === 'DELETE' && req.url === '/installation/token') {
      if (!api.liveTokens.delete(bearer)) {
        send(res, 401, {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
        });
        return;
      }
      res.writeHead(204).end();
      return;
    }
    send(res, 404, {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
    });
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as { port: number };
  return Object.assign(api, {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
