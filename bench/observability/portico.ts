/*
 * A Portico backend for the bench: the observability plugin in front of the bench's Prometheus,
 * the real catalog plugin (@backstage/plugin-catalog-backend) ingesting the bench's catalog file,
 * and the real auth plugin with the guest provider resolving to the catalog User VIEWER_REF
 * (signInWithCatalogUser: the token's ownership comes from the catalog's memberOf), and the
 * permission backend with Portico's policy (@internal/plugin-permission-backend-module-portico),
 * so the catalog authorizes each read as in production. Every measured request carries that
 * signed-in user's token; the plugin reads the entity from the catalog with it, as it does for a
 * user in production.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import { permissionModulePorticoPolicy } from '@internal/plugin-permission-backend-module-portico';
import { observabilityPlugin } from '@internal/plugin-observability-backend';
import { freePort, waitFor } from '@internal/plugin-portico-node/testUtils';
import { guestSignIn, isCatalogUser } from '../lib/guestSignIn';
import { TEAM, VIEWER_REF } from './catalog';

export interface PorticoOptions {
  prometheusUrl: string;
  /** The catalog file (writeCatalog). */
  catalogFile: string;
  /** The entity refs that must be in the catalog before the bench starts. */
  entityRefs: string[];
  /** observability.cache.ttlSeconds */
  ttlSeconds: number;
  /** observability.minRateWindowSeconds */
  rateWindowSeconds: number;
}

export interface BenchPortico {
  baseUrl: string;
  /** The signed-in viewer's Backstage token. */
  token: string;
  /** The identity the auth backend issued the token for. */
  identity: { userEntityRef: string; ownershipEntityRefs: string[] };
  stop(): Promise<void>;
}

/**
 * Starts the backend on a free port and resolves once the catalog holds `entityRefs` and the
 * viewer signs in as the catalog User (ownership includes group:default/team-a: without the
 * catalog User the guest provider would fall back to a token owning nothing but itself).
 */
export async function startPortico(
  options: PorticoOptions,
): Promise<BenchPortico> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        app: { baseUrl },
        backend: {
          baseUrl,
          listen: { port, host: '127.0.0.1' },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        auth: {
          environment: 'development',
          providers: {
            // loopback only, the bench's own catalog; NODE_ENV is not set by run.sh
            guest: {
              userEntityRef: VIEWER_REF,
              dangerouslyAllowOutsideDevelopment: true,
            },
          },
        },
        // Portico's policy, as in production: the catalog authorizes every read of the viewer
        permission: { enabled: true },
        catalog: {
          rules: [{ allow: ['Component', 'User', 'Group'] }],
          locations: [{ type: 'file', target: options.catalogFile }],
        },
        portico: {
          teamNamespaces: { source: 'static', static: { [TEAM]: ['shop'] } },
        },
        observability: {
          prometheus: { url: options.prometheusUrl, timeout: 10 },
          minRateWindowSeconds: options.rateWindowSeconds,
          cache: { ttlSeconds: options.ttlSeconds },
          // every request comes from one user: a 429 would measure the limiter, not the proxy
          rateLimit: { requestsPerMinute: 1_000_000, burst: 100_000 },
        },
      },
    }),
  );
  backend.add(authPlugin);
  backend.add(guestProvider);
  backend.add(catalogPlugin);
  backend.add(permissionBackend);
  backend.add(permissionModulePorticoPolicy);
  backend.add(observabilityPlugin);
  await backend.start();

  const team = `group:default/${TEAM}`;
  const session = await waitFor(
    `${VIEWER_REF} in the catalog, member of ${team}`,
    async () => {
      const s = await guestSignIn(baseUrl);
      return isCatalogUser(s, VIEWER_REF, team) ? s : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  );
  await waitFor(
    `the catalog to hold ${options.entityRefs.length} components`,
    async () => {
      for (const ref of options.entityRefs) {
        const [kind, rest] = ref.split(':');
        const [namespace, name] = rest.split('/');
        const res = await fetch(
          `${baseUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
          { headers: { authorization: `Bearer ${session.token}` } },
        );
        if (!res.ok) return false;
      }
      return true;
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  );
  return { baseUrl, ...session, stop: () => backend.stop() };
}
