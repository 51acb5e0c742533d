import {
  DEMO_GRAFANA_TOKEN,
  startDemoStack,
} from '@internal/plugin-observability-backend/testUtils';
import { LOCAL_PORTS } from '../ports';
import type { PeerStarter } from '../types';

/**
 * observability-backend's demo stack: the real Prometheus scraping an exporter of the example
 * catalog's services with two days of history backfilled, a Loki stand-in with demo log lines and
 * a Grafana stand-in (its panels embedded as iframes, so the CSP lets frames load from it).
 * `options.observability` (ObservabilityPeerOptions) gives Prometheus other services and history.
 */
export const startObservabilityPeer: PeerStarter<{
  prometheusUrl: string;
  lokiUrl: string;
  grafanaUrl: string;
}> = async context => {
  const fixed = context.ports === 'fixed';
  // undefined = a free port (startDemoStack's default)
  const stack = await startDemoStack(
    fixed
      ? {
          prometheus: LOCAL_PORTS.prometheus,
          loki: LOCAL_PORTS.loki,
          grafana: LOCAL_PORTS.grafana,
        }
      : {},
    // the caller's workload (a benchmark's services and history); {} = the demo's
    context.options.observability ?? {},
  );
  context.log(
    `Observability: Prometheus ${stack.prometheusUrl}, Loki ${stack.lokiUrl}, Grafana ${stack.grafanaUrl}`,
  );
  return {
    description: {
      prometheusUrl: stack.prometheusUrl,
      lokiUrl: stack.lokiUrl,
      grafanaUrl: stack.grafanaUrl,
    },
    config: {
      backend: { csp: { 'frame-src': ["'self'", stack.grafanaUrl] } },
      observability: {
        prometheus: { url: stack.prometheusUrl },
        loki: { url: stack.lokiUrl },
        grafana: {
          url: stack.grafanaUrl,
          embedMode: 'iframe',
          // for a switch to render-proxy mode; the stand-in checks it there
          serviceAccountToken: DEMO_GRAFANA_TOKEN,
        },
      },
    },
    stop: () => stack.stop(),
  };
};
