export { ArgocdChangeFeed, ArgocdChanges } from './ArgocdChangeFeed';
export type { ShownApplication } from './ArgocdChangeFeed';
export { useArgocdChanges } from './useArgocdChanges';
