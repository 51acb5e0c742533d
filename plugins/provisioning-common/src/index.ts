/**
 * Types of the Portico provisioning API, shared by provisioning-backend, its frontend and the
 * Argo Events scaffolder action.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './schemas';
