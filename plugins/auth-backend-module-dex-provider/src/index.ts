/**
 * Dex sign-in for Portico.
 *
 * @packageDocumentation
 */
export { authModuleDexProvider } from './module';
export { dexGroupRefs } from './resolvers/dexGroupRefs';
export type { DexGroupMappingOptions } from './resolvers/dexGroupRefs';
