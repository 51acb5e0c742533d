/* eslint-disable @backstage/no-undeclared-imports -- test support: a real OIDC provider for integration tests, run as a child process */
// A real OpenID Connect provider (npm `oidc-provider`) configured the way Dex serves Portico:
// issuer path `/dex`, one static confidential client, a `groups` scope and claim, verified emails.
// Run as a child process by the tests: prints `READY <port>` once it listens on 127.0.0.1.
//
// Input (env OIDC_SERVER_CONFIG, JSON): { clientId, clientSecret, redirectUri, users: { id: { email, name, groups, emailVerified? } } }
// emailVerified: the `email_verified` claim (default true); null leaves the claim out.
// Control endpoint POST /__control {"tamper": {"aud"?: string, "iss"?: string} | null} makes the token
// endpoint re-sign the ID token with a different audience or issuer (to test that they are refused).
import http from 'node:http';
import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';

const cfg = JSON.parse(process.env.OIDC_SERVER_CONFIG);
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'dex-like-1', alg: 'RS256', use: 'sig' };

const front = http.createServer();
await new Promise(r => front.listen(0, '127.0.0.1', r));
const port = front.address().port;
const issuer = `http://127.0.0.1:${port}/dex`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: cfg.clientId,
      client_secret: cfg.clientSecret,
      redirect_uris: [cfg.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [jwk] },
  scopes: ['openid', 'profile', 'email', 'groups', 'offline_access'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
    groups: ['groups'],
  },
  // Dex puts the requested claims into the ID token as well as userinfo.
  conformIdTokenClaims: false,
  pkce: { required: () => false },
  cookies: { keys: ['dex-like-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const user = cfg.users[id];
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: user.email,
          ...(user.emailVerified === null ? {} : { email_verified: user.emailVerified ?? true }),
          name: user.name,
          preferred_username: id,
          groups: user.groups,
        };
      },
    };
  },
});
provider.on('server_error', (_ctx, err) => console.error('oidc server_error', err));
const callback = provider.callback();

let tamper = null;

async function retoken(body) {
  const json = JSON.parse(body);
  if (!tamper || !json.id_token) return body;
  const claims = decodeJwt(json.id_token);
  const header = decodeProtectedHeader(json.id_token);
  if (tamper.aud) claims.aud = tamper.aud;
  if (tamper.iss) claims.iss = tamper.iss;
  json.id_token = await new SignJWT(claims).setProtectedHeader(header).sign(privateKey);
  return JSON.stringify(json);
}

front.on('request', (req, res) => {
  if (req.url === '/__control' && req.method === 'POST') {
    let data = '';
    req.on('data', c => (data += c));
    req.on('end', () => {
      tamper = JSON.parse(data).tamper ?? null;
      res.end('ok');
    });
    return;
  }
  if (!req.url.startsWith('/dex')) {
    res.statusCode = 404;
    res.end();
    return;
  }
  req.originalUrl = req.url;
  req.url = req.url.slice('/dex'.length) || '/';
  if (req.url.startsWith('/token') && tamper) {
    // Buffer the token response so the ID token can be re-signed.
    const chunks = [];
    const { end, setHeader } = res;
    res.setHeader = (k, v) => (k.toLowerCase() === 'content-length' ? res : setHeader.call(res, k, v));
    res.write = c => {
      chunks.push(Buffer.from(c));
      return true;
    };
    res.end = c => {
      if (c) chunks.push(Buffer.from(c));
      retoken(Buffer.concat(chunks).toString()).then(out => end.call(res, out), e => {
        console.error(e);
        end.call(res, Buffer.concat(chunks));
      });
      return res;
    };
  }
  callback(req, res);
});

console.log(`READY ${port}`);
