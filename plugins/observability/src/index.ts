/*
 * Observability tab, overview card, logs, embedded Grafana panels and cost roll-up per team
 */
export {};
