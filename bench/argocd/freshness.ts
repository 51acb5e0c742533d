/*
 * Freshness through the status API: FRESHNESS_CHANGES applications of instance prod change
 * health in the fake (the control server's POST /apps/<instance>/<name>), one every
 * FRESHNESS_GAP_MS, each on its own entity (svc-0500..0999, which the fake's scheduled health
 * flips never touch); a prober sends the catalog column's batched POST /api/argocd/status for
 * every entity still waiting, every FRESHNESS_POLL_MS, and notes for each change the time from
 * just before the control call to the first answer showing the new health. A change not seen
 * within FRESHNESS_TIMEOUT_MS counts as that long and is reported in `unseen`.
 */
import { requestJson } from '../lib/httpJson';
import type { Fakes } from './children';
import { refOf } from './porticoRoutes';
import {
  FRESHNESS_CHANGES,
  FRESHNESS_GAP_MS,
  FRESHNESS_POLL_MS,
  FRESHNESS_TIMEOUT_MS,
} from './settings';
import { GetJson, pad, percentile } from './viewers';

export interface Freshness {
  p50: number;
  p99: number;
  max: number;
  changes: number;
  unseen: number;
}

type StatusItem = {
  applications?: Array<{ instance: string; healthStatus: string }>;
};

/** prod's health of the entity in a status answer. */
export function prodHealth(item: StatusItem | undefined): string | undefined {
  return item?.applications?.find(a => a.instance === 'prod')?.healthStatus;
}

/** The other health: Degraded unless it is already, then Healthy. */
export const otherHealth = (h: string | undefined) =>
  h === 'Degraded' ? 'Healthy' : 'Degraded';

/** Changes svc-NNNN's health on prod in the fake (the control server). */
export async function changeHealth(
  fakes: Fakes,
  entity: number,
  healthStatus: string,
) {
  const res = await requestJson(
    `${fakes.control}/apps/prod/svc-${pad(entity)}`,
    { json: { healthStatus } },
  );
  if (res.status !== 200)
    throw new Error(
      `control: changing svc-${pad(entity)} answered ${res.status}`,
    );
}

export function summarize(times: number[], unseen: number): Freshness {
  const sorted = [...times].sort((a, b) => a - b);
  const r = (n: number) => +n.toFixed(1);
  return {
    p50: r(percentile(sorted, 50)),
    p99: r(percentile(sorted, 99)),
    max: r(sorted[sorted.length - 1]),
    changes: sorted.length,
    unseen,
  };
}

/** `first`: the first entity of this run's changes (runs change different entities). */
export async function apiFreshness(
  get: GetJson,
  base: string,
  fakes: Fakes,
  first: number,
): Promise<Freshness> {
  const entities = Array.from(
    { length: FRESHNESS_CHANGES },
    (_, k) => 500 + ((first + k * 7) % 500),
  );
  const status = async (list: number[]) =>
    (await get(`${base}/api/argocd/status`, { entityRefs: list.map(refOf) }))
      .items as Record<string, StatusItem>;
  const now = await status(entities);
  const wanted = new Map(
    entities.map(e => [e, otherHealth(prodHealth(now[refOf(e)]))]),
  );
  const changedAt = new Map<number, number>();
  const seen = new Map<number, number>();
  let changing = true;
  const changes = (async () => {
    for (const e of entities) {
      changedAt.set(e, performance.now());
      await changeHealth(fakes, e, wanted.get(e)!);
      await new Promise(r => setTimeout(r, FRESHNESS_GAP_MS));
    }
    changing = false;
  })();
  const started = performance.now();
  while (changing || seen.size < changedAt.size) {
    if (performance.now() - started > FRESHNESS_TIMEOUT_MS) break;
    const waiting = [...changedAt.keys()].filter(e => !seen.has(e));
    if (waiting.length) {
      const items = await status(waiting);
      const at = performance.now();
      for (const e of waiting) {
        if (prodHealth(items[refOf(e)]) === wanted.get(e))
          seen.set(e, at - changedAt.get(e)!);
      }
    }
    await new Promise(r => setTimeout(r, FRESHNESS_POLL_MS));
  }
  await changes;
  const unseen = entities.filter(e => !seen.has(e)).length;
  return summarize(
    entities.map(e => seen.get(e) ?? FRESHNESS_TIMEOUT_MS),
    unseen,
  );
}
