/**
 * make prod-local as a function, for bench/soak: the production build, its replicas on one
 * PostgreSQL behind HAProxy, the local platform as peers (`@internal/local-platform/prod`).
 *
 * @packageDocumentation
 */
export { startProdLocal, prodLocalDir } from './prodLocal';
export type { ProdLocal, ProdLocalOptions } from './prodLocal';
export type { Replica } from './replica';
export type { LocalPostgres } from './postgres';
export { signIn } from './signIn';
export type { Session } from './signIn';
