/*
 * Types of the Portico observability API (signals, ranges, series, logs, cost)
 */
export {};
