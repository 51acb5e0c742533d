/*
 * What a caller (a benchmark, a test harness) may change of a peer's defaults. make start and the
 * journeys use the defaults; each peer's starter (src/peers/<name>.ts) reads its own entry from
 * PeerContext.options. Fields are added here by the peer that honours them.
 */

import type {
  ExportedService,
  SampleClock,
} from '@internal/plugin-observability-backend/testUtils';
import type { FakeAppSpec } from '@internal/plugin-argocd-backend/testUtils';

/* eslint-disable @typescript-eslint/no-empty-interface */

/** Options of the Git peer (src/peers/git.ts). */
export interface GitPeerOptions {}

/** Options of the Argo CD peer (src/peers/argocd.ts). */
export interface ArgocdPeerOptions {
  /**
   * The instances and their applications, instead of make start's prod and staging with an
   * application for every example component. Each gets a random token; with ports 'fixed' only
   * prod and staging have a port.
   */
  instances?: Array<{ name: string; apps: FakeAppSpec[] }>;
  /** Accounts for POST /api/v1/session on every instance (default none: tokens only). */
  users?: Record<string, string>;
  /** Latency of every answer, plus per application of a list (default none). */
  latency?: { baseMs?: number; perItemMs?: number };
  /**
   * Every `everyMs`, the next application of `names` (in turn, then again from the first) flips
   * health Healthy <-> Progressing on every instance that serves it (default none).
   */
  healthFlips?: { everyMs: number; names: string[] };
}

/**
 * Options of the observability peer (src/peers/observability.ts): what its Prometheus serves
 * (startDemoStack's workload). The Loki and Grafana stand-ins do not change.
 */
export interface ObservabilityPeerOptions {
  /** Services the exporter serves and the history covers (default: the example catalog's, DEMO_SERVICES). */
  services?: ExportedService[];
  /** Counters' origin and wave (default: a week ago, wave 0.35); without `wave`, figures are constant. */
  clock?: SampleClock;
  /** Hours of history backfilled before Prometheus starts (default 48; 0 = none). */
  historyHours?: number;
  /** Scraped samples Prometheus holds before the peer counts as started (default 2). */
  minSamples?: number;
}

/** Options of the Argo Events peer (src/peers/argoEvents.ts). */
export interface ArgoEventsPeerOptions {
  /** Delay before every answer of the webhook, in ms (default 0). */
  latencyMs?: number;
  /**
   * The new-environment workflow played against each accepted run's callback URL (default: a
   * report every 1500 ms); false: runs are accepted and nothing calls back.
   */
  workflow?: { stepDelayMs?: number } | false;
  /**
   * A control server on a free loopback port (description.control): POST /outage, POST /recover,
   * GET /deliveries, DELETE /deliveries (default false).
   */
  control?: boolean;
}

/** Options of the Dex peer (src/peers/dex.ts). */
export interface DexPeerOptions {
  /**
   * The users it signs in, instead of the example users of catalog/org.yaml (src/users.ts): the
   * password its login page checks, the claims it sends (email, name, groups with `groupPrefix`)
   * and, for LocalPlatform.users, the catalog User and role.
   */
  users?: ReadonlyArray<{
    login: string;
    password: string;
    email: string;
    name: string;
    groups: string[];
    entityRef: string;
    role: string;
  }>;
  /** The prefix of the groups claim the portal's resolver strips (default 'portico-local:'). */
  groupPrefix?: string;
}

/* eslint-enable @typescript-eslint/no-empty-interface */

/** Each peer's options, by peer name. */
export interface PeerOptions {
  git?: GitPeerOptions;
  argocd?: ArgocdPeerOptions;
  observability?: ObservabilityPeerOptions;
  argoEvents?: ArgoEventsPeerOptions;
  dex?: DexPeerOptions;
}
