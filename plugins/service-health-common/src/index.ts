/**
 * Types and request schemas of the service-health API, shared by service-health-backend and the
 * service-health frontend.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './schemas';
export * from './annotations';
export * from './cluster';
export * from './blastRadius';
