export { argocdCatalogColumn } from './argocdCatalogColumn';
export { ArgocdStatusCell } from './ArgocdStatusCell';
