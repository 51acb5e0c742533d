/**
 * Metrics, logs, Grafana panels and cost per service: PromQL/LogQL from platform templates,
 * never from the browser.
 *
 * @packageDocumentation
 */
export { observabilityPlugin } from './plugin';
