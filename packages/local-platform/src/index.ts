/**
 * The local platform of Portico: every peer the portal talks to, started in any subset through one
 * entry (make start, the browser journeys, the benchmarks).
 *
 * @packageDocumentation
 */
export { startLocalPlatform } from './startLocalPlatform';
export { argocdControl, argoEventsControl } from './control';
export type { WebhookDelivery } from './control';
export { assertPortsFree, fixedPorts } from './portsFree';
export type { NamedPort } from './portsFree';
export { mergeConfig } from './mergeConfig';
export { LOCAL_PORTS } from './ports';
export type { LocalPortName } from './ports';
export { PEER_NAMES } from './types';
export type {
  PeerOptions,
  GitPeerOptions,
  ArgocdPeerOptions,
  ObservabilityPeerOptions,
  ArgoEventsPeerOptions,
  DexPeerOptions,
} from './peerOptions';
export type {
  PeerName,
  LocalPlatformOptions,
  LocalUser,
  LocalArgocd,
  LocalPlatformDescription,
  LocalPlatform,
  PeerContext,
  StartedPeer,
  PeerStarter,
} from './types';
