/* eslint-disable @backstage/no-undeclared-imports -- test support: a real OIDC provider for integration tests, run as a child process */
// A real OpenID Connect provider (npm `oidc-provider`) configured the way Dex serves Portico:
// issuer path `/dex`, one static confidential client, a `groups` scope and claim, verified emails.
// Run as a child process by the tests and the local platform: prints `READY <port>` once it listens
// on 127.0.0.1, or `ERROR <message>` (and exits 1) when it cannot (e.g. the fixed port is taken).
//
// Input (env OIDC_SERVER_CONFIG, JSON): { clientId, clientSecret, redirectUri, port?, users: { id: { email, name, groups, emailVerified?, password? } } }
// port: the port to listen on (default: a free one).
// emailVerified: the `email_verified` claim (default true); null leaves the claim out.
// password: the password the login page checks (a wrong one re-shows the login with an error and
// never signs in); a user without one signs in with any password (the tests' fixtures).
// The login page is the provider's own interaction (not oidc-provider's devInteractions); consent
// is granted without a page, as Dex does with skipApprovalScreen.
// Control endpoint POST /__control {"tamper": {"aud"?: string, "iss"?: string} | null} makes the token
// endpoint re-sign the ID token with a different audience or issuer (to test that they are refused).
import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import Provider from 'oidc-provider';
// oidc-provider's own in-memory store, chosen on purpose: the stand-in is local-only and its
// sessions may go with the process. Passed explicitly so the library does not warn about it on
// every make start.
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import {
  generateKeyPair,
  exportJWK,
  SignJWT,
  decodeJwt,
  decodeProtectedHeader,
} from 'jose';

const cfg = JSON.parse(process.env.OIDC_SERVER_CONFIG);
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = {
  ...(await exportJWK(privateKey)),
  kid: 'dex-like-1',
  alg: 'RS256',
  use: 'sig',
};

const front = http.createServer();
try {
  await new Promise((resolve, reject) => {
    front.once('error', reject);
    front.listen(cfg.port ?? 0, '127.0.0.1', resolve);
  });
} catch (error) {
  const why =
    error.code === 'EADDRINUSE' ? `port ${cfg.port} is taken` : error.message;
  console.log(
    `ERROR Dex-like OIDC provider cannot listen on 127.0.0.1:${
      cfg.port ?? 0
    }: ${why}`,
  );
  process.exit(1);
}
const port = front.address().port;
const issuer = `http://127.0.0.1:${port}/dex`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: cfg.clientId,
      client_secret: cfg.clientSecret,
      redirect_uris: [cfg.redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ],
  adapter: createMemoryAdapter(),
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
  features: { devInteractions: { enabled: false } },
  interactions: {
    url: (_ctx, pending) => `/dex/interaction/${pending.uid}`,
  },
  async findAccount(_ctx, id) {
    const user = cfg.users[id];
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: user.email,
          ...(user.emailVerified === null
            ? {}
            : { email_verified: user.emailVerified ?? true }),
          name: user.name,
          preferred_username: id,
          groups: user.groups,
        };
      },
    };
  },
});
provider.on('server_error', (_ctx, err) =>
  console.error('oidc server_error', err),
);
const callback = provider.callback();

let tamper = null;

const escapeHtml = text =>
  String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

function loginPage(uid, { login = '', error } = {}) {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Sign in to Portico (local Dex)</title></head>
<body>
  <h1>Sign in to Portico</h1>
  <p>Local Dex-like provider: the example users and their passwords are printed by make start.</p>
  ${
    error
      ? `<p class="error" role="alert" data-error="login">${escapeHtml(
          error,
        )}</p>`
      : ''
  }
  <form method="post" action="/dex/interaction/${escapeHtml(uid)}/login">
    <label>Username <input type="text" name="login" value="${escapeHtml(
      login,
    )}" autofocus required></label>
    <label>Password <input type="password" name="password" value="" required></label>
    <button type="submit">Login</button>
  </form>
</body></html>`;
}

/** Compares in constant time (of the hashes), so the check does not leak the password's length. */
function samePassword(given, expected) {
  const a = createHash('sha256').update(String(given)).digest();
  const b = createHash('sha256').update(String(expected)).digest();
  return timingSafeEqual(a, b);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', c => {
      data += c;
      if (data.length > 64 * 1024) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

function html(res, status, body) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(body);
}

/** GET /dex/interaction/<uid>: the login page, or consent granted without a page. */
async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    html(res, 200, loginPage(uid));
    return;
  }
  if (details.prompt.name !== 'consent') {
    html(res, 501, 'not implemented');
    return;
  }
  const { prompt, grantId, session, params } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({
        accountId: session.accountId,
        clientId: params.client_id,
      });
  if (prompt.details.missingOIDCScope)
    grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims)
    grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true },
  );
}

/** POST /dex/interaction/<uid>/login: checks the login and password of a configured user. */
async function submitLogin(req, res, uid) {
  const form = await readBody(req);
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== 'login') {
    html(res, 400, 'not a login interaction');
    return;
  }
  const login = form.get('login') ?? '';
  const password = form.get('password') ?? '';
  const user = Object.hasOwn(cfg.users, login) ? cfg.users[login] : undefined;
  const ok =
    user &&
    (user.password === undefined || samePassword(password, user.password));
  if (!ok) {
    html(
      res,
      401,
      loginPage(uid, { login, error: 'Invalid username or password.' }),
    );
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: login } },
    { mergeWithLastSubmission: false },
  );
}

function interactionRoute(req, res) {
  const m = req.url.match(
    /^\/dex\/interaction\/([A-Za-z0-9_-]+)(\/login)?(?:\?.*)?$/,
  );
  if (!m) return false;
  const [, uid, isLogin] = m;
  const run = isLogin
    ? req.method === 'POST' && submitLogin(req, res, uid)
    : req.method === 'GET' && interaction(req, res, uid);
  if (!run) {
    html(res, 405, 'method not allowed');
    return true;
  }
  run.catch(error => {
    console.error('dex-like interaction error', error.message);
    if (!res.headersSent)
      html(res, 400, `Sign-in failed: ${escapeHtml(error.message)}`);
  });
  return true;
}

async function retoken(body) {
  const json = JSON.parse(body);
  if (!tamper || !json.id_token) return body;
  const claims = decodeJwt(json.id_token);
  const header = decodeProtectedHeader(json.id_token);
  if (tamper.aud) claims.aud = tamper.aud;
  if (tamper.iss) claims.iss = tamper.iss;
  json.id_token = await new SignJWT(claims)
    .setProtectedHeader(header)
    .sign(privateKey);
  return JSON.stringify(json);
}

/**
 * Dex issues a refresh token whenever the client asks for offline_access; oidc-provider drops
 * that scope unless the request prompts for consent (OIDC Core 11). The portal asks without a
 * prompt, so an authorization request with offline_access gets prompt=consent, which this
 * provider grants without a page (interaction above), as Dex skips its approval screen.
 */
function dexLikeOfflineAccess(url) {
  if (!url.startsWith('/auth?')) return url;
  const parsed = new URL(url, 'http://dex.invalid');
  const scope = parsed.searchParams.get('scope') ?? '';
  if (!scope.split(' ').includes('offline_access')) return url;
  if (parsed.searchParams.has('prompt')) return url;
  parsed.searchParams.set('prompt', 'consent');
  return `${parsed.pathname}${parsed.search}`;
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
  if (interactionRoute(req, res)) return;
  if (!req.url.startsWith('/dex')) {
    res.statusCode = 404;
    res.end();
    return;
  }
  req.url = dexLikeOfflineAccess(req.url.slice('/dex'.length) || '/');
  // oidc-provider finds its mount path (/dex) from originalUrl minus url
  req.originalUrl = `/dex${req.url}`;
  if (req.url.startsWith('/token') && tamper) {
    // Buffer the token response so the ID token can be re-signed.
    const chunks = [];
    const { end, setHeader } = res;
    res.setHeader = (k, v) =>
      k.toLowerCase() === 'content-length' ? res : setHeader.call(res, k, v);
    res.write = c => {
      chunks.push(Buffer.from(c));
      return true;
    };
    res.end = c => {
      if (c) chunks.push(Buffer.from(c));
      retoken(Buffer.concat(chunks).toString()).then(
        out => end.call(res, out),
        e => {
          console.error(e);
          end.call(res, Buffer.concat(chunks));
        },
      );
      return res;
    };
  }
  callback(req, res);
});

console.log(`READY ${port}`);
