/*
 * The read side of the soak: what the app's pages ask the backend for, as autocannon instances
 * (one per route, so each route has its own latency histogram), each rotating through the
 * signed-in users of several teams and a few entities, at a bounded rate.
 */
import autocannon from 'autocannon';
import type { Session } from '@internal/local-platform/prod';
import type { SoakRecord } from './record';

export interface ReadRoute {
  name: string;
  /** Requests per second for the route, all users together. */
  rate: number;
  /** The paths asked for by one user (they take turns). */
  paths: (session: Session) => string[];
  /** Only these users ask (default all). */
  users?: string[];
  method?: 'GET' | 'POST';
  body?: (path: string) => string;
}

const COMPONENTS = ['payments-api', 'ledger-service', 'checkout-service'];
const each = (f: (name: string) => string) => () => COMPONENTS.map(f);

export const READ_ROUTES: ReadRoute[] = [
  { name: 'app-page', rate: 1, paths: () => ['/', '/catalog'] },
  {
    name: 'catalog-list',
    rate: 4,
    paths: () => [
      '/api/catalog/entities/by-query?filter=kind%3Dcomponent&limit=50&fields=kind,metadata.name,metadata.namespace,metadata.title,spec.owner,spec.type,relations',
      '/api/catalog/entity-facets?facet=spec.type&filter=kind%3Dcomponent',
    ],
  },
  {
    name: 'entity-page',
    rate: 4,
    paths: each(n => `/api/catalog/entities/by-name/component/default/${n}`),
  },
  {
    name: 'argocd-status',
    rate: 3,
    paths: each(n => `/api/argocd/entities/component/default/${n}`),
  },
  {
    name: 'observability-summary',
    rate: 2,
    paths: each(
      n => `/api/observability/entities/component/default/${n}/summary`,
    ),
  },
  {
    name: 'search',
    rate: 2,
    paths: () => [
      '/api/search/query?term=payments',
      '/api/search/query?term=checkout&types%5B0%5D=software-catalog',
    ],
  },
  {
    name: 'techdocs',
    rate: 2,
    paths: () => [
      '/api/techdocs/metadata/techdocs/default/component/payments-api',
      '/api/techdocs/static/docs/default/component/payments-api/index.html',
    ],
  },
  {
    name: 'api-docs',
    rate: 2,
    paths: () => [
      '/api/catalog/entities/by-name/api/default/payments-api',
      '/api/catalog/entities/by-name/api/default/checkout-api',
    ],
  },
  {
    name: 'template-form',
    rate: 1,
    paths: () => [
      '/api/scaffolder/v2/templates/default/template/new-environment/parameter-schema',
    ],
  },
  {
    name: 'provisioning-list',
    rate: 1,
    paths: () => ['/api/provisioning/runs'],
  },
  {
    name: 'audit-query',
    rate: 1,
    users: ['alice', 'erin'],
    paths: () => [
      '/api/audit/events?limit=20',
      '/api/audit/events?limit=20&action=catalog.entity-fetch',
    ],
  },
];

export interface RouteLatency {
  requests: number;
  p50_ms: number;
  p99_ms: number;
}

export interface RunningReads {
  /** Stops every instance; resolves with each route's figures. */
  stop(): Promise<Record<string, RouteLatency>>;
}

/** Starts every route's instance against `baseUrl`; answers go into `record`. */
export function startReads(
  baseUrl: string,
  sessions: Session[],
  record: SoakRecord,
  routes: ReadRoute[] = READ_ROUTES,
): RunningReads {
  const runs = routes.map(route => {
    const who = sessions.filter(
      s => !route.users || route.users.includes(s.login),
    );
    const requests = who.flatMap(s =>
      route.paths(s).map(path => ({
        method: route.method ?? 'GET',
        path,
        headers: {
          authorization: `Bearer ${s.token}`,
          'accept-encoding': 'gzip',
        },
      })),
    );
    const instance = autocannon({
      url: baseUrl,
      connections: Math.max(1, Math.ceil(route.rate / 2)),
      overallRate: route.rate,
      duration: 24 * 3600,
      timeout: 20,
      requests,
    });
    instance.on('response', (_client: unknown, status: number) =>
      record.add(route.name, status),
    );
    instance.on('reqError', () => record.add(route.name, 'reset'));
    const done = new Promise<autocannon.Result>(resolve =>
      instance.on('done', resolve),
    );
    return { route, instance, done };
  });
  return {
    async stop() {
      runs.forEach(r => r.instance.stop());
      const out: Record<string, RouteLatency> = {};
      for (const r of runs) {
        const result = await r.done;
        out[r.route.name] = {
          requests: result.requests.total,
          p50_ms: result.latency.p50,
          p99_ms: result.latency.p99,
        };
      }
      return out;
    },
  };
}
