export * from './exporterServices';
export { exposition, startMetricsExporter } from './startMetricsExporter';
export {
  freePort,
  startPrometheus,
  type RunningPrometheus,
} from './startPrometheus';
export { startFakeLoki, type LokiStream } from './startFakeLoki';
export { startFakeGrafana } from './startFakeGrafana';
export { encodePng, PNG_SIGNATURE } from './png';
export {
  DEMO_GRAFANA_TOKEN,
  DEMO_SERVICES,
  demoLogStreams,
  selectDemoStreams,
  startDemoStack,
} from './demoStack';
export { backfillHistory } from './backfill';
export { metricSamples, type SampleClock } from './metricSamples';
