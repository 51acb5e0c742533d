/**
 * Test utilities of the provisioning backend: a stand-in for the Argo Events webhook EventSource.
 *
 * @packageDocumentation
 */
export * from './testing';
