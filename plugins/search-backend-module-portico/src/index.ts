/**
 * Portico's search engine where PostgreSQL search is not available: Lunr, forgiving a document
 * type that has no index yet.
 *
 * @packageDocumentation
 */
export { searchModulePortico } from './module';
export { EmptyForMissingIndex } from './EmptyForMissingIndex';
