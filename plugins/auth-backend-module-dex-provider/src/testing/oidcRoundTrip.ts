/* eslint-disable no-restricted-syntax -- test support: the OIDC server script is started from this folder */
import { spawn, ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface DexLikeServer {
  issuer: string;
  setTamper(tamper: { aud?: string; iss?: string } | null): Promise<void>;
  /** Stops the provider; resolves once its process has exited. */
  stop(): Promise<void>;
}

/** A user of the Dex-like provider. */
export interface DexLikeUser {
  email: string;
  name: string;
  groups: string[];
  /** The `email_verified` claim (default true; null: no claim). */
  emailVerified?: boolean | null;
  /** The password the login page checks; without one, any password signs the user in. */
  password?: string;
}

/** Starts `dexLikeOidcServer.mjs` (a real `oidc-provider`) in a child process. */
export async function startDexLikeServer(config: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The port to listen on (127.0.0.1); default a free one. */
  port?: number;
  users: Record<string, DexLikeUser>;
}): Promise<DexLikeServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(__dirname, 'dexLikeOidcServer.mjs')],
    {
      env: { ...process.env, OIDC_SERVER_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.once('exit', code =>
      reject(
        new Error(
          out.match(/ERROR (.*)/)?.[1] ?? `OIDC server exited: ${code}`,
        ),
      ),
    );
    child.stdout!.on('data', chunk => {
      out += chunk;
      const m = out.match(/READY (\d+)/);
      if (m) resolve(Number(m[1]));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    issuer: `${base}/dex`,
    async setTamper(tamper) {
      await fetch(`${base}/__control`, {
        method: 'POST',
        body: JSON.stringify({ tamper }),
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill();
      }
      await exited;
    },
  };
}

/** Cookies per origin; enough for a browser-less authorization code round trip. */
class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();
  header(url: string) {
    const jar = this.jars.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
  store(url: string, res: Response) {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map();
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
    this.jars.set(origin, jar);
  }
}

/** The payload the auth backend posts back to the app window from `/handler/frame`. */
export type FrameResponse =
  | {
      type: 'authorization_response';
      response: {
        profile: { email?: string };
        backstageIdentity: {
          token: string;
          identity: { userEntityRef: string; ownershipEntityRefs: string[] };
        };
      };
    }
  | {
      type: 'authorization_response';
      error: { name: string; message: string };
    };

export function parseFrame(html: string): FrameResponse {
  const m = html.match(/var authResponse = decodeURIComponent\('([^']*)'\)/);
  if (!m) throw new Error(`Not an auth frame response: ${html.slice(0, 200)}`);
  return JSON.parse(decodeURIComponent(m[1]));
}

function formOf(html: string, base: string) {
  const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
  if (!action) return undefined;
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input[^>]*>/g)) {
    const name = m[0].match(/name="([^"]+)"/)?.[1];
    const value = m[0].match(/value="([^"]*)"/)?.[1] ?? '';
    if (name) fields.set(name, value);
  }
  return {
    url: new URL(action.replace(/&amp;/g, '&'), base).toString(),
    fields,
  };
}

/**
 * Signs in through the backend's `/start` → the OIDC provider's login and consent pages →
 * the backend's `/handler/frame`, the way the browser popup does. `rewriteCallback` may alter
 * the callback URL before it is sent to the backend (to test a bad state). Throws when the
 * provider's login page refuses the login or password (it re-shows the login with an error).
 */
export async function signInRoundTrip(
  options: RoundTripOptions,
): Promise<FrameResponse> {
  return roundTrip(options, new CookieJar());
}

/** What signInRoundTrip needs. */
export interface RoundTripOptions {
  backendBaseUrl: string;
  provider: string;
  env: string;
  login: string;
  /** The password typed into the provider's login page (default `any`). */
  password?: string;
  rewriteCallback?: (url: URL) => URL;
}

/**
 * Signs in as signInRoundTrip does, then asks the backend's `/refresh` with the cookies the
 * browser would now hold, as the app does on every reload: a provider that issued no refresh
 * token answers 401 there, and the user has to sign in again.
 */
export async function signInAndRefresh(options: RoundTripOptions): Promise<{
  frame: FrameResponse;
  refresh: { status: number; body: unknown };
}> {
  const jar = new CookieJar();
  const frame = await roundTrip(options, jar);
  const url = `${options.backendBaseUrl}/api/auth/${options.provider}/refresh?optional&env=${options.env}`;
  const res = await fetch(url, {
    headers: { cookie: jar.header(url), 'x-requested-with': 'XMLHttpRequest' },
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { frame, refresh: { status: res.status, body } };
}

async function roundTrip(
  options: RoundTripOptions,
  jar: CookieJar,
): Promise<FrameResponse> {
  const authBase = `${options.backendBaseUrl}/api/auth/${options.provider}`;
  let url = `${authBase}/start?env=${options.env}&scope=${encodeURIComponent(
    'openid profile email groups',
  )}`;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    if (
      url.startsWith(`${authBase}/handler/frame`) &&
      options.rewriteCallback
    ) {
      url = options.rewriteCallback(new URL(url)).toString();
    }
    const res = await fetch(url, {
      redirect: 'manual',
      ...init,
      headers: { ...(init.headers as object), cookie: jar.header(url) },
    });
    jar.store(url, res);
    init = {};
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await res.text();
    if (url.startsWith(`${authBase}/handler/frame`)) {
      return parseFrame(html);
    }
    const refused = html.match(/data-error="login">([^<]*)</);
    if (refused) {
      throw new Error(
        `The OIDC provider refused the login of ${options.login}: ${refused[1]}`,
      );
    }
    const form = formOf(html, url);
    if (!form) {
      throw new Error(`Stuck at ${url} (${res.status}): ${html.slice(0, 300)}`);
    }
    if (form.fields.has('login')) {
      form.fields.set('login', options.login);
      form.fields.set('password', options.password ?? 'any');
    }
    url = form.url;
    init = {
      method: 'POST',
      body: form.fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('Too many redirects');
}

/** The claims of a Backstage token (not verified; the backend verifies). */
export function tokenClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}
