/**
 * Types of the Portico observability API (signals, ranges, series, logs, cost), shared by the
 * backend and the Observability tab.
 *
 * @packageDocumentation
 */
export * from './signals';
export * from './types';
