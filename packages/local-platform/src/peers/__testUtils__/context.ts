import type { PeerOptions } from '../../peerOptions';
import type { PeerContext } from '../../types';

/** The context a peer starter gets in the peers' tests: free ports, no live changes, no log. */
export const peerContext = (
  backendUrl = 'http://localhost:7007',
  options: PeerOptions = {},
  appUrl = backendUrl,
): PeerContext => ({
  ports: 'free',
  backendUrl,
  appUrl,
  liveChanges: false,
  log: () => {},
  options,
});
