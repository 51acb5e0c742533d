import type { PeerOptions } from './peerOptions';

/** The peers of the local platform, startable in any subset. */
export type PeerName =
  | 'git'
  | 'argocd'
  | 'observability'
  | 'argoEvents'
  | 'dex'
  | 'cluster'
  | 'github';

export const PEER_NAMES: readonly PeerName[] = [
  'git',
  'argocd',
  'observability',
  'argoEvents',
  'dex',
  'cluster',
  'github',
];

export interface LocalPlatformOptions {
  /** Which peers to start (default: all). */
  peers?: PeerName[];
  /** 'fixed': LOCAL_PORTS (make start); 'free': free loopback ports (tests, benchmarks). Default 'free'. */
  ports?: 'fixed' | 'free';
  /** The portal backend's base URL (Dex redirect URI, webhook callbacks), e.g. http://localhost:7007. */
  backendUrl: string;
  /** The app's base URL (default backendUrl). */
  appUrl?: string;
  /** The fake Argo CD changes application states now and then (make start). */
  liveChanges?: boolean;
  log?: (line: string) => void;
  /** Per-peer options (src/peerOptions.ts); default: what make start uses. */
  options?: PeerOptions;
}

/** A user of the Dex-like provider, matching a User of the example catalog (catalog/org.yaml). */
export interface LocalUser {
  login: string;
  password: string;
  email: string;
  /** The catalog User the sign-in resolves to, e.g. user:default/bob. */
  entityRef: string;
  /** What the user may do, for the banner: "owner of payments-team's services", "admin", ... */
  role: string;
}

export interface LocalArgocd {
  instances: { name: string; url: string; token: string }[];
  /** Control server: POST /fault {"instance","fault"} and friends. */
  control: string;
  /** Application names served. */
  apps: string[];
}

export interface LocalPlatformDescription {
  git?: { url: string; host: string; adminToken: string };
  argocd?: LocalArgocd;
  observability?: {
    prometheusUrl: string;
    lokiUrl: string;
    grafanaUrl: string;
  };
  /** control: the control server, when ArgoEventsPeerOptions.control asked for one. */
  argoEvents?: { url: string; token: string; control?: string };
  dex?: { issuer: string; clientId: string; clientSecret: string };
  /** The kube-apiserver stand-in with the example workloads' trivy-operator reports. */
  cluster?: { url: string };
  /** The GitHub REST API stand-in with the example components' repositories. */
  github?: { url: string; token: string };
  /** Dex users (empty without dex). */
  users: LocalUser[];
  /** The portal's config for the started peers. */
  backendConfig: Record<string, unknown>;
}

export interface LocalPlatform extends LocalPlatformDescription {
  /** Writes backendConfig as YAML (the backend gets `--config <file>`). */
  writeBackendConfig(file: string): void;
  stop(): Promise<void>;
}

/** What every peer starter gets. */
export interface PeerContext {
  ports: 'fixed' | 'free';
  backendUrl: string;
  appUrl: string;
  liveChanges: boolean;
  log: (line: string) => void;
  /** Per-peer options as the caller gave them ({} by default). */
  options: PeerOptions;
}

/**
 * A started peer: what it tells callers, the fragment of the portal's config that points at it
 * (deep-merged with the other peers' fragments into LocalPlatform.backendConfig), and how to stop it.
 */
export interface StartedPeer<D> {
  description: D;
  config: Record<string, unknown>;
  users?: LocalUser[];
  stop(): Promise<void>;
}

/** src/peers/<name>.ts each export one: startGitPeer, startArgocdPeer, startObservabilityPeer, ... */
export type PeerStarter<D> = (context: PeerContext) => Promise<StartedPeer<D>>;
