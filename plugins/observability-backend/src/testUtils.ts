/**
 * Peers and fakes for other packages' tests and benchmarks: the real Prometheus with a test
 * exporter and backfilled history, Loki and Grafana stand-ins, the local demo stack, and the
 * queries the default templates give.
 *
 * @packageDocumentation
 */
export * from './testing/exporterServices';
export {
  exposition,
  startMetricsExporter,
} from './testing/startMetricsExporter';
export {
  startPrometheus,
  type RunningPrometheus,
} from './testing/startPrometheus';
export { startFakeLoki, type LokiStream } from './testing/startFakeLoki';
export { startFakeGrafana } from './testing/startFakeGrafana';
export { encodePng, PNG_SIGNATURE } from './testing/png';
export {
  DEMO_GRAFANA_TOKEN,
  DEMO_SERVICES,
  demoLogStreams,
  selectDemoStreams,
  startDemoStack,
} from './testing/demoStack';
export { backfillHistory } from './testing/backfill';
export { metricSamples, type SampleClock } from './testing/metricSamples';
export { defaultQuery } from './testing/defaultQuery';
export { prometheusQueryCount } from './testing/prometheusCounters';
