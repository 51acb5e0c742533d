/*
 * Portico's own routes and the floor, the same viewers as the card lookups: for each route 2 s of
 * warm-up then 20 s measured (simulated), the fakes' requests and the backend's CPU time counted
 * over the measured part.
 *  - status: the catalog column's batched POST /api/argocd/status, one entity per page view;
 *  - entity_page: the deployment card's GET /api/argocd/entities/component/default/<name>;
 *  - floor: POST /api/benchfloor/status with the same body as the status lookup, answered with a
 *    constant status answer of the same size through the same middleware (floorPlugin.ts).
 */
import type { Child } from './children';
import { SCALE } from './settings';
import type { UpstreamTally } from './upstream';
import {
  GetJson,
  expectedInstances,
  pad,
  percentile,
  runViewers,
  ViewersResult,
} from './viewers';

export interface RouteFigures {
  lookups: number;
  upstream_per_lookup: number;
  p50_ms: number;
  p99_ms: number;
  cpu_ms_per_lookup: number;
}

export const ms = (sorted: number[], p: number) =>
  +percentile(sorted, p).toFixed(2);

/** An answer of Portico's routes for svc-NNNN must hold its applications from the catalog entity. */
export function checkPortico(
  entity: number,
  answer: { state?: string; applications?: unknown[] } | undefined,
) {
  if (
    answer?.state !== 'ok' ||
    answer.applications?.length !== expectedInstances(entity)
  )
    throw new Error(
      `state ${answer?.state}, ${answer?.applications?.length} applications`,
    );
}

export const refOf = (e: number) => `component:default/svc-${pad(e)}`;

/** One route measured: 2 s (simulated) of warm-up, then 20 s with upstream and CPU counted. */
export async function measureRoute(
  label: string,
  lookup: (e: number) => Promise<void>,
  child: Child,
  tally: UpstreamTally,
): Promise<{ result: ViewersResult; figures: RouteFigures }> {
  let cpuBefore = 0;
  const result = await runViewers(label, lookup, 20 / SCALE, {
    seconds: 2 / SCALE,
    atEnd: async () => {
      await tally.take();
      cpuBefore = (await child.report()).cpuMs;
    },
  });
  const cpuAfter = (await child.report()).cpuMs;
  const upstream = (await tally.take()).total;
  const lookups = result.latencies.length;
  return {
    result,
    figures: {
      lookups,
      upstream_per_lookup: +(upstream / lookups).toFixed(4),
      p50_ms: ms(result.latencies, 50),
      p99_ms: ms(result.latencies, 99),
      cpu_ms_per_lookup: +((cpuAfter - cpuBefore) / lookups).toFixed(3),
    },
  };
}

/** The floor route for one entity (the same request body as the status lookup). */
export function floorLookup(get: GetJson, base: string) {
  return async (e: number) => {
    const body = await get(`${base}/api/benchfloor/status`, {
      entityRefs: [refOf(e)],
    });
    if (!body?.items) throw new Error('the floor answered without items');
  };
}

/** Portico's routes and the floor, one after the other. */
export async function porticoRoutes(
  get: GetJson,
  base: string,
  child: Child,
  tally: UpstreamTally,
) {
  const status = await measureRoute(
    'ours, POST /api/argocd/status (1 entity)',
    async e => {
      const body = await get(`${base}/api/argocd/status`, {
        entityRefs: [refOf(e)],
      });
      checkPortico(e, body?.items?.[refOf(e)]);
    },
    child,
    tally,
  );
  const page = await measureRoute(
    'ours, GET /api/argocd/entities/component/default/<name>',
    async e =>
      checkPortico(
        e,
        await get(
          `${base}/api/argocd/entities/component/default/svc-${pad(e)}`,
        ),
      ),
    child,
    tally,
  );
  const floor = await measureRoute(
    'ours, floor POST /api/benchfloor/status (constant body)',
    floorLookup(get, base),
    child,
    tally,
  );
  return {
    results: [status.result, page.result, floor.result],
    figures: { status: status.figures, entity_page: page.figures },
    floor: floor.figures,
  };
}
