/*
 * The write side of the soak, with its own record of what it did: provisioning runs started
 * (POST /api/provisioning/runs, the runId of every 202), template dry-runs and a few real
 * template runs (POST /api/scaffolder/v2/tasks). A POST that got no answer is "unknown": it may
 * or may not have been carried out, and the checks after the run look for it.
 */
import { requestJson } from '../lib/httpJson';
import type { Session } from '@internal/local-platform/prod';
import type { SoakRecord } from './record';

export interface WriteLog {
  /** runId of every run the portal accepted (202). */
  runs: string[];
  /** environment names of triggers without an answer (connection reset). */
  unknownRuns: string[];
  /** Scaffolder task ids of the real runs. */
  tasks: string[];
  dryRuns: { ok: number; failed: number };
}

/** Who starts runs for which entity: owners of payments' and of storefront's services. */
const OWNERS: Record<string, string> = {
  bob: 'component:default/payments-api',
  dan: 'component:default/ledger-service',
  carol: 'component:default/checkout-service',
};
const TEAMS: Record<string, string> = {
  bob: 'group:default/payments-team',
  dan: 'group:default/payments-team',
  carol: 'group:default/storefront-team',
};

async function call(
  record: SoakRecord,
  route: string,
  url: string,
  token: string,
  json: unknown,
): Promise<{ status: number; body: any } | undefined> {
  try {
    const res = await requestJson(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      json,
    });
    record.add(route, res.status);
    return res;
  } catch {
    record.add(route, 'reset');
    return undefined;
  }
}

export interface RunningWrites {
  log: WriteLog;
  stop(): Promise<void>;
}

/** Starts the write loops; `template` is the new-environment Template entity (for dry-runs). */
export function startWrites(
  baseUrl: string,
  sessions: Session[],
  record: SoakRecord,
  template: unknown,
  tag: string,
  /** host:port of the loopback Git server the New service template publishes to. */
  gitHost: string,
): RunningWrites {
  const log: WriteLog = {
    runs: [],
    unknownRuns: [],
    tasks: [],
    dryRuns: { ok: 0, failed: 0 },
  };
  const owners = sessions.filter(s => OWNERS[s.login]);
  let running = true;
  let n = 0;
  const loop = async (everyMs: number, step: (i: number) => Promise<void>) => {
    for (let i = 0; running; i++) {
      const began = Date.now();
      await step(i);
      const wait = everyMs - (Date.now() - began);
      if (wait > 0 && running) await new Promise(r => setTimeout(r, wait));
    }
  };
  const loops = [
    loop(2_000, async i => {
      const s = owners[i % owners.length];
      const environment = `soak-${tag}-${++n}`;
      const res = await call(
        record,
        'provisioning-trigger',
        `${baseUrl}/api/provisioning/runs`,
        s.token,
        {
          template: 'new-environment',
          entityRef: OWNERS[s.login],
          parameters: { environment },
        },
      );
      if (res?.status === 202 && res.body?.runId) log.runs.push(res.body.runId);
      else if (!res) log.unknownRuns.push(environment);
    }),
    loop(6_000, async i => {
      const s = owners[i % owners.length];
      const res = await call(
        record,
        'template-dry-run',
        `${baseUrl}/api/scaffolder/v2/dry-run`,
        s.token,
        {
          template,
          values: { entity: OWNERS[s.login], environment: `dry-${tag}-${i}` },
          secrets: {},
          directoryContents: [],
        },
      );
      if (res?.status === 200) log.dryRuns.ok++;
      else log.dryRuns.failed++;
    }),
    loop(45_000, async i => {
      const s = owners[i % owners.length];
      const res = await call(
        record,
        'template-run',
        `${baseUrl}/api/scaffolder/v2/tasks`,
        s.token,
        {
          templateRef: 'template:default/new-service',
          values: {
            name: `soak-${tag}-${i}`,
            owner: TEAMS[s.login],
            description: 'A service the soak created',
            language: 'node',
            traffic: 'low',
            storage: 'none',
            extraSecrets: [],
            repoOwner: 'portico-services',
            repoHost: gitHost,
          },
        },
      );
      if (res?.status === 201 && res.body?.id) log.tasks.push(res.body.id);
    }),
  ];
  return {
    log,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
