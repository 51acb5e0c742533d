import { startArgocdPeer } from './peers/argocd';
import { startArgoEventsPeer } from './peers/argoEvents';
import { startClusterPeer } from './peers/cluster';
import { startDexPeer } from './peers/dex';
import { startGitPeer } from './peers/git';
import { startGithubPeer } from './peers/github';
import { startObservabilityPeer } from './peers/observability';
import type { LocalPlatformDescription, PeerName, PeerStarter } from './types';

/** The starter of each peer, typed by what it describes. */
export type PeerStarters = {
  [P in PeerName]?: PeerStarter<NonNullable<LocalPlatformDescription[P]>>;
};

/** The peers' starters (src/peers/<name>.ts). */
export const PEER_STARTERS: PeerStarters = {
  git: startGitPeer,
  argocd: startArgocdPeer,
  observability: startObservabilityPeer,
  argoEvents: startArgoEventsPeer,
  dex: startDexPeer,
  cluster: startClusterPeer,
  github: startGithubPeer,
};
