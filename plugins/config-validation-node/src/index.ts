/**
 * Strict configuration loading for the Portico backend.
 *
 * @packageDocumentation
 */
export { strictRootConfigServiceFactory } from './strictRootConfigServiceFactory';
export { findConfigProblems, InvalidConfigError } from './validateConfig';
