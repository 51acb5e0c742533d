export { argocdApiRef } from './ArgocdApi';
export type { ArgocdApi, EntityArgoStatusResult } from './ArgocdApi';
export { ArgocdClient } from './ArgocdClient';
