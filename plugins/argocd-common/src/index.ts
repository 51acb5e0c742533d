/**
 * Types of the Portico Argo CD API, shared by argocd-backend and the argocd frontend.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './limits';
export * from './types';
export * from './schemas';
export * from './signals';
