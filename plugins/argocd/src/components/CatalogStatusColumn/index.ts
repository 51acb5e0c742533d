export { ArgocdStatusCell } from './ArgocdStatusCell';
export { argocdCatalogColumn } from './argocdCatalogColumn';
