import type { LocalPlatformDescription } from '../types';

export interface BannerOptions {
  appUrl: string;
  backendUrl: string;
  /** From the start of make start until everything answered. */
  elapsedMs: number;
  /** Where the portal's output goes, relative to the repository root. */
  portalLog: string;
  /** The generated config file, relative to the repository root. */
  configFile: string;
}

/** '45 s', '1 min 12 s'. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function table(rows: [string, string][], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`);
}

/** The peers' URLs a developer may open or point a tool at; no tokens. */
export function peerRows(
  platform: LocalPlatformDescription,
): [string, string][] {
  const rows: [string, string][] = [];
  for (const instance of platform.argocd?.instances ?? [])
    rows.push([`Argo CD ${instance.name}`, instance.url]);
  if (platform.observability) {
    rows.push(['Prometheus', platform.observability.prometheusUrl]);
    rows.push(['Grafana', platform.observability.grafanaUrl]);
    rows.push(['Loki', platform.observability.lokiUrl]);
  }
  if (platform.git)
    rows.push(['Git server', `${platform.git.url} (platform/gitops)`]);
  if (platform.argoEvents)
    rows.push(['Argo Events webhook', platform.argoEvents.url]);
  if (platform.dex) rows.push(['Dex (OIDC issuer)', platform.dex.issuer]);
  return rows;
}

/**
 * What make start prints once the portal, its catalog and every peer answer: where to go, who to
 * sign in as (the local users' passwords are part of the example, like their names), the peers,
 * and how to stop. Tokens are never printed.
 */
export function bannerText(
  platform: LocalPlatformDescription,
  options: BannerOptions,
): string {
  const rule = '─'.repeat(72);
  const users = table([
    ...platform.users.map((u): [string, string] => [
      `${u.login} / ${u.password}`,
      u.role,
    ]),
    [
      'Guest',
      'a signed-in user of no team: reads everything, acts for no team',
    ],
  ]);
  const peers = peerRows(platform);
  return [
    rule,
    `Portico is ready at ${options.appUrl} (after ${formatDuration(
      options.elapsedMs,
    )})`,
    `  backend ${options.backendUrl}`,
    '',
    platform.users.length
      ? 'Sign in with Dex as one of these (login / password), or as Guest:'
      : 'Sign in as Guest:',
    ...users,
    ...(peers.length ? ['', 'Local platform:', ...table(peers)] : []),
    '',
    `Portal output: ${options.portalLog} (tail -f it)`,
    `Peer config:   ${options.configFile}`,
    'Ctrl-C stops everything.',
    rule,
    '',
  ].join('\n');
}
