export { argocdCatalogColumn } from './argocdCatalogColumn';
