/**
 * Test utilities of the Argo CD backend: a fake Argo CD API server for tests and benchmarks.
 *
 * @packageDocumentation
 */
export * from './testing';
