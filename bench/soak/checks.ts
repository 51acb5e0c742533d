/*
 * After the load: what the portal holds against the load's own record. Provisioning runs lost
 * (accepted, never delivered to the webhook) or duplicated (accepted by the webhook more than
 * once), their audit events lost or duplicated, the audit chain's verification, the template runs'
 * end states, and the global Argo CD refresh's runs per instance against its periods.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { argoEventsControl } from '@internal/local-platform';
import type { ProdLocal, Session } from '@internal/local-platform/prod';
import { requestJson } from '../lib/httpJson';
import type { WriteLog } from './writes';

const get = (url: string, s: Session) =>
  requestJson(url, { headers: { authorization: `Bearer ${s.token}` } });

function lostAndDuplicated(expected: string[], seen: string[]) {
  const counts = new Map<string, number>();
  for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
  return {
    expected: expected.length,
    lost: expected.filter(id => !counts.has(id)).length,
    duplicated: expected.filter(id => (counts.get(id) ?? 0) > 1).length,
  };
}

/** Waits (up to waitMs) until every accepted run reached the webhook; then counts. */
export async function provisioningCheck(
  prod: ProdLocal,
  log: WriteLog,
  waitMs = 90_000,
) {
  const webhook = argoEventsControl(prod.platform.argoEvents!.control!);
  const deadline = Date.now() + waitMs;
  let accepted: string[] = [];
  for (;;) {
    const deliveries = await webhook.deliveries();
    accepted = deliveries
      .filter(d => d.status === 200 && d.runId)
      .map(d => d.runId!);
    const have = new Set(accepted);
    if (log.runs.every(id => have.has(id)) || Date.now() > deadline) break;
    await sleep(2_000);
  }
  return {
    ...lostAndDuplicated(log.runs, accepted),
    unanswered_triggers: log.unknownRuns.length,
  };
}

/** The auditor's view: one succeeded provisioning-run-trigger event per accepted run. */
export async function auditCheck(prod: ProdLocal, log: WriteLog) {
  const auditor = prod.sessions.find(s => s.login === 'erin')!;
  const runIds: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const q = new URLSearchParams({
      action: 'provisioning.provisioning-run-trigger',
      outcome: 'succeeded',
      limit: '500',
      ...(cursor ? { cursor } : {}),
    });
    const res = await get(`${prod.url}/api/audit/events?${q}`, auditor);
    if (res.status !== 200) throw new Error(`audit events: HTTP ${res.status}`);
    for (const e of res.body.items)
      if (e.meta?.runId) runIds.push(String(e.meta.runId));
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  const verify = await get(`${prod.url}/api/audit/verify`, auditor);
  return {
    events: lostAndDuplicated(log.runs, runIds),
    chain: { status: verify.status, ...(verify.body ?? {}) },
  };
}

/** Each real template run's status (completed, failed, processing...). */
export async function taskCheck(prod: ProdLocal, log: WriteLog) {
  const admin = prod.sessions.find(s => s.login === 'alice')!;
  const states: Record<string, number> = {};
  for (const id of log.tasks) {
    const res = await get(`${prod.url}/api/scaffolder/v2/tasks/${id}`, admin);
    const status =
      res.status === 200 ? String(res.body.status) : `HTTP ${res.status}`;
    states[status] = (states[status] ?? 0) + 1;
  }
  return { started: log.tasks.length, ...states };
}

/**
 * The global refresh of each Argo CD instance (one replica at a time, every `periodS` seconds)
 * from the fake's counts during `seconds`. When the backend keeps a watch open ('watch' > 0) a
 * list runs once per watch (re)start, not per period: more than once = lists beyond one per
 * watch; with lists only, against the periods (a starting replica asks for one refresh at once).
 */
export function schedulingCheck(
  counts: Record<string, Record<string, number>>,
  seconds: number,
  periodS: number,
  replicaStarts: number,
  outageS: Record<string, number>,
) {
  const out: Record<string, unknown> = {};
  for (const [instance, c] of Object.entries(counts)) {
    const list = c.list ?? 0;
    const watch = c.watch ?? 0;
    if (watch > 0) {
      out[instance] = {
        mode: 'watch',
        list,
        watch,
        more_than_once: Math.max(0, list - watch),
      };
      continue;
    }
    const periods = Math.floor((seconds - (outageS[instance] ?? 0)) / periodS);
    out[instance] = {
      mode: 'poll',
      list,
      periods,
      replica_starts: replicaStarts,
      more_than_once: Math.max(0, list - (periods + 1 + replicaStarts)),
      less_than_once: Math.max(0, periods - 1 - list),
    };
  }
  return out;
}
