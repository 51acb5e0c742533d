/*
 * Local stand-ins for `yarn start`: the real Prometheus (scraping an exporter of the example
 * catalog's services) on :9090, a Loki stand-in on :3100 and a Grafana stand-in on :3001 — the
 * URLs app-config.yaml points at. Ctrl-C stops them.
 *
 *   yarn --cwd plugins/observability-backend harness
 */
import { startDemoStack } from '../src/testUtils';

startDemoStack({ prometheus: 9090, loki: 3100, grafana: 3001 }).then(stack => {
  console.log(
    `Prometheus ${stack.prometheusUrl}, Loki ${stack.lokiUrl}, Grafana ${stack.grafanaUrl}`,
  );
  const stop = () => stack.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
