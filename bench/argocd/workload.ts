import type { ArgocdPeerOptions } from '@internal/local-platform';

/*
 * The fake Argo CD of the benchmark, as options of the local platform's argocd peer: instances
 * prod, staging and dr with 2,000 / 2,000 / 1,000 applications (svc-0000..0999 on prod and staging,
 * svc-0000..0499 on dr, the rest `batch-*` fillers), one account (portico / bench-password), a
 * small latency per answer and per listed application, and one application per instance changing
 * health every `changeEveryMs` (0: never).
 */

export const ARGOCD_USER = { username: 'portico', password: 'bench-password' };

function pad(i: number) {
  return String(i).padStart(4, '0');
}

const svc = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `svc-${pad(i)}`,
    labels: {
      'app.kubernetes.io/part-of': `svc-${pad(i)}`,
      team: `team-${i % 20}`,
    },
    historyLength: 3 + (i % 5),
  }));

const filler = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `${prefix}-${pad(i)}`,
    labels: { team: 'batch' },
  }));

export function argocdWorkload(changeEveryMs: number): ArgocdPeerOptions {
  return {
    instances: [
      { name: 'prod', apps: [...svc(1000), ...filler('batch-prod', 1000)] },
      { name: 'staging', apps: [...svc(1000), ...filler('batch-stg', 1000)] },
      { name: 'dr', apps: [...svc(500), ...filler('batch-dr', 500)] },
    ],
    users: { [ARGOCD_USER.username]: ARGOCD_USER.password },
    latency: { baseMs: 2, perItemMs: 0.002 },
    // svc-0037, svc-0074, ... (37 steps through the first 500, each once, then again)
    healthFlips:
      changeEveryMs > 0
        ? {
            everyMs: changeEveryMs,
            names: Array.from(
              { length: 500 },
              (_, k) => `svc-${pad(((k + 1) * 37) % 500)}`,
            ),
          }
        : undefined,
  };
}
