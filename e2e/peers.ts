/*
 * The local platform the e2e backend talks to: `@internal/local-platform`'s CLI child
 * (packages/local-platform/src/main.ts, every peer, free ports) in its own process group,
 * stopped with the portal. It prints one JSON line describing the peers (LocalPlatformInfo) and
 * writes the backend's config for them, which portal.ts passes as the backend's last --config.
 */
import { defaultLog, startHelperProcess } from './processes.ts';

/** A Dex user of the local platform (catalog/org.yaml). */
export interface LocalUser {
  login: string;
  password: string;
  email: string;
  entityRef: string;
  role: string;
}

/**
 * The CLI's JSON line: the description of every started peer, the Dex users, the backend config
 * and the file it was written to. e2e/ is ESM and cannot import the CommonJS TS package, so the
 * shape is repeated here (packages/local-platform/src/types.ts, LocalPlatformDescription).
 */
export interface LocalPlatformInfo {
  git?: { url: string; host: string; adminToken: string };
  argocd?: {
    instances: { name: string; url: string; token: string }[];
    /** POST /fault {instance, fault} here to take an instance down. */
    control: string;
    /** Application names served (the example catalog's argocd/app-name annotations). */
    apps: string[];
  };
  observability?: {
    prometheusUrl: string;
    lokiUrl: string;
    grafanaUrl: string;
  };
  argoEvents?: { url: string; token: string };
  dex?: { issuer: string; clientId: string; clientSecret: string };
  users: LocalUser[];
  backendConfig: Record<string, unknown>;
  /** The YAML config for the backend's last --config. */
  configFile: string;
}

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
        'git,argocd,observability,argoEvents,dex',
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
