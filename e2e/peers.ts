/*
 * The local platform the e2e backend talks to: `@internal/local-platform`'s CLI child
 * (packages/local-platform/src/main.ts, every peer, free ports) in its own process group,
 * stopped with the portal. It prints one JSON line describing the peers (LocalPlatformInfo) and
 * writes the backend's config for them, which portal.ts passes as the backend's last --config.
 */
import type { LocalPlatformDescription } from '@internal/local-platform';
import { defaultLog, startHelperProcess } from './processes.ts';

export type { LocalUser } from '@internal/local-platform';

/** The CLI's JSON line: every started peer's description, the Dex users, the backend config and the file it was written to. */
export type LocalPlatformInfo = LocalPlatformDescription & {
  /** The YAML config for the backend's last --config. */
  configFile: string;
};

export interface StartedPlatform {
  info: LocalPlatformInfo;
  pgid: number;
}

/**
 * Starts every peer of the local platform on free ports for the portal at `backendUrl` (Dex's
 * redirect URI and the webhook callbacks point there) and writes the backend config to
 * `configFile`.
 */
export async function startPlatform(
  backendUrl: string,
  configFile: string,
  log: (line: string) => void = defaultLog,
): Promise<StartedPlatform> {
  const { description, pgid } = await startHelperProcess(
    'packages/local-platform/src/main.ts',
    'the local platform',
    {
      args: [
        '--peers',
        'git,argocd,observability,argoEvents,dex,github,cluster',
        '--ports',
        'free',
        '--backend-url',
        backendUrl,
        '--config-out',
        configFile,
      ],
      // the real Prometheus backfills two days of history first
      timeoutMs: 180_000,
    },
  );
  const info = description as LocalPlatformInfo;
  log(
    `local platform up: git ${info.git?.url}, Argo CD ${info.argocd?.instances
      .map(i => `${i.name} ${i.url}`)
      .join(' ')}, Prometheus ${
      info.observability?.prometheusUrl
    }, Argo Events ${info.argoEvents?.url}, Dex ${info.dex?.issuer} (config ${
      info.configFile
    })`,
  );
  return { info, pgid };
}
