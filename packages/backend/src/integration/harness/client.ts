/*
 * How the tests call the backend: as a user of the org (signed in through Dex), a static key,
 * the scaffolder's own service token, or nobody.
 */
import type { AuthService } from '@backstage/backend-plugin-api';
import { ORG_USERS } from './org';
import { TEST_SECRETS } from './secrets';

/** Who makes a request: a user of the org (signed in through Dex), a key, a plugin's token, or nobody. */
export type Caller =
  | keyof typeof ORG_USERS
  | 'anonymous'
  /** The static key configured like production's (its access restrictions copied from app-config.production.yaml). */
  | 'static-key'
  /** A static key with no access restrictions at all. */
  | 'unrestricted-key'
  /** The scaffolder plugin's own service token (what any code inside the scaffolder can mint). */
  | 'plugin:scaffolder';

export interface PorticoResponse {
  status: number;
  text: string;
  body: any;
}

export type PorticoRequest = (
  caller: Caller,
  method: string,
  path: string,
  body?: unknown,
) => Promise<PorticoResponse>;

/**
 * Requests to the backend at `baseUrl` with each caller's credentials: `tokens` holds the
 * signed-in users' Backstage tokens, `scaffolderAuth()` the scaffolder's AuthService once started.
 */
export function createRequester(options: {
  baseUrl: string;
  tokens: Record<string, string>;
  scaffolderAuth: () => AuthService | undefined;
}): PorticoRequest {
  const { baseUrl, tokens } = options;
  const pluginOf = (p: string) => /^\/api\/([^/?]+)/.exec(p)?.[1] ?? '';
  const authHeader = async (caller: Caller, p: string): Promise<Record<string, string>> => {
    switch (caller) {
      case 'anonymous':
        return {};
      case 'static-key':
        return { authorization: `Bearer ${TEST_SECRETS.staticKey}` };
      case 'unrestricted-key':
        return { authorization: `Bearer ${TEST_SECRETS.unrestrictedKey}` };
      case 'plugin:scaffolder': {
        const auth = options.scaffolderAuth();
        if (!auth) throw new Error('the scaffolder has not started');
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: pluginOf(p),
        });
        return { authorization: `Bearer ${token}` };
      }
      default:
        if (!tokens[caller]) throw new Error(`${caller} is not signed in`);
        return { authorization: `Bearer ${tokens[caller]}` };
    }
  };
  return async (caller, method, p, body) => {
    const res = await fetch(`${baseUrl}${p}`, {
      method,
      headers: {
        ...(await authHeader(caller, p)),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, text, body: parsed };
  };
}
