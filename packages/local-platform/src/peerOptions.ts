/*
 * What a caller (a benchmark, a test harness) may change of a peer's defaults. make start and the
 * journeys use the defaults; each peer's starter (src/peers/<name>.ts) reads its own entry from
 * PeerContext.options. Fields are added here by the peer that honours them.
 */

import type {
  ExportedService,
  SampleClock,
} from '@internal/plugin-observability-backend/testUtils';

/* eslint-disable @typescript-eslint/no-empty-interface */

/** Options of the Git peer (src/peers/git.ts). */
export interface GitPeerOptions {}

/** Options of the Argo CD peer (src/peers/argocd.ts). */
export interface ArgocdPeerOptions {}

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
export interface ArgoEventsPeerOptions {}

/** Options of the Dex peer (src/peers/dex.ts). */
export interface DexPeerOptions {}

/* eslint-enable @typescript-eslint/no-empty-interface */

/** Each peer's options, by peer name. */
export interface PeerOptions {
  git?: GitPeerOptions;
  argocd?: ArgocdPeerOptions;
  observability?: ObservabilityPeerOptions;
  argoEvents?: ArgoEventsPeerOptions;
  dex?: DexPeerOptions;
}
