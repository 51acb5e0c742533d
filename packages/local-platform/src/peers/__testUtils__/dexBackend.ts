/* The Dex peer's tests' backend: auth, catalog and Portico's dex module on the example catalog. */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { authModuleDexProvider } from '@internal/plugin-auth-backend-module-dex-provider';
import {
  freeStablePort,
  waitFor,
} from '@internal/plugin-portico-node/testUtils';
import path from 'node:path';
import { mergeConfig } from '../../mergeConfig';
import type { PeerOptions } from '../../peerOptions';
import type { StartedPeer } from '../../types';
import { startDexPeer } from '../dex';
import { peerContext } from './context';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

/** The static token the backend accepts (the catalog probe). */
const STATIC_TOKEN = 'dex-peer-test-static-token-0123456789';
const ORG_YAML = path.resolve(__dirname, '../../../../../catalog/org.yaml');

/**
 * A real backend (auth + catalog + Portico's dex module) on `port`, configured with a Dex peer's
 * config fragment and the example catalog (catalog/org.yaml); resolves once the catalog holds it.
 */
export async function startBackend(
  port: number,
  peerConfig: Record<string, unknown>,
): Promise<ReturnType<typeof createBackend>> {
  const backendUrl = `http://127.0.0.1:${port}`;
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: mergeConfig(
        {
          app: { baseUrl: backendUrl },
          backend: {
            baseUrl: backendUrl,
            listen: { port, host: '127.0.0.1' },
            database: { client: 'better-sqlite3', connection: ':memory:' },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: STATIC_TOKEN, subject: 'test' },
                },
              ],
            },
          },
          auth: {
            environment: 'development',
            session: { secret: 'dex-peer-test-session-secret' },
          },
          catalog: {
            rules: [{ allow: ['User', 'Group'] }],
            locations: [{ type: 'file', target: ORG_YAML }],
          },
        },
        peerConfig,
      ) as ConfigData,
    }),
  );
  backend.add(authPlugin);
  backend.add(catalogPlugin);
  backend.add(authModuleDexProvider);
  await backend.start();
  await waitFor(
    'the example catalog',
    async () =>
      (
        await fetch(
          `${backendUrl}/api/catalog/entities/by-name/user/default/erin`,
          {
            headers: { authorization: `Bearer ${STATIC_TOKEN}` },
          },
        )
      ).ok,
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  return backend;
}

/** What startDexPeer describes. */
export type DexDescription = {
  issuer: string;
  clientId: string;
  clientSecret: string;
};

/**
 * A Dex peer (with `options`) and a real backend configured with its config fragment, on a port
 * out of reach of the peer's own freePort(); the peer is stopped again when the backend fails.
 */
export async function startDexPeerWithBackend(options: PeerOptions = {}) {
  const port = await freeStablePort();
  const backendUrl = `http://127.0.0.1:${port}`;
  const peer: StartedPeer<DexDescription> = await startDexPeer(
    peerContext(backendUrl, options),
  );
  try {
    const backend = await startBackend(port, peer.config);
    return { peer, backend, backendUrl };
  } catch (error) {
    await peer.stop();
    throw error;
  }
}
