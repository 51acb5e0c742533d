/*
 * The peers the Portico backend talks to, for the harness. Through the local platform's one entry
 * (@internal/local-platform's startLocalPlatform, free ports): the Dex-like OIDC provider signing
 * in the harness's org (real sign-in), a fake Argo CD instance holding team-a's and team-b's
 * applications, and the Argo Events webhook stand-in (no workflow) with its control server.
 * Started here, because the platform's peers cannot give what the attack rows assert on: the
 * loopback Git server (gitState reads every repository under its root, to say that a refused
 * request pushed nowhere; the git peer gives no root) and the Prometheus/Loki/Grafana upstream
 * (it records every request, to say that nothing about team-b was asked; the observability
 * peer's real Prometheus records none).
 */
import {
  argoEventsControl,
  startLocalPlatform,
  type WebhookDelivery,
} from '@internal/local-platform';
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
import { authedUrl, seedRepo } from '@internal/template-checks';
import { ArgocdPeer, argocdPeer, teamApplications } from './argocdPeer';
import { DEX_GROUP_PREFIX, ORG_USERS, orgPassword } from './org';
import {
  ObservabilityUpstream,
  startObservabilityUpstream,
} from './observabilityUpstream';
import { TEST_SECRETS } from './secrets';

/** The Argo Events webhook stand-in: where the backend delivers runs, and what it received. */
export interface WebhookPeer {
  url: string;
  token: string;
  /** The deliveries the stand-in recorded (without payloads), from its control server. */
  deliveries(): Promise<WebhookDelivery[]>;
}

export interface Peers {
  dex: { issuer: string; clientId: string; clientSecret: string };
  git: LoopbackGitServer;
  /** host:port of the loopback Git server, as template inputs (repoHost) name it. */
  gitHost: string;
  argocd: ArgocdPeer;
  webhook: WebhookPeer;
  observability: ObservabilityUpstream;
  /** The credentials the platform's peers chose (random per start), for leak scans. */
  secrets: string[];
}

/** The harness's org as the Dex-like provider signs it in: its groups claim with the connector prefix. */
function orgDexUsers() {
  return Object.entries(ORG_USERS).map(([login, u]) => ({
    login,
    password: orgPassword(login),
    email: u.email,
    name: u.name,
    groups: u.dexGroups,
    entityRef: `user:default/${login}`,
    role: u.memberOf.join(', '),
  }));
}

/**
 * Starts every peer for a backend at `baseUrl`; each one's stop is pushed to `stops` as soon as it
 * runs, so a failure half-way stops what was started.
 */
export async function startPeers(
  baseUrl: string,
  stops: Array<() => unknown>,
): Promise<Peers> {
  const platform = await startLocalPlatform({
    peers: ['dex', 'argocd', 'argoEvents'],
    ports: 'free',
    backendUrl: baseUrl,
    log: () => {},
    options: {
      dex: { users: orgDexUsers(), groupPrefix: DEX_GROUP_PREFIX },
      argocd: { instances: [{ name: 'main', apps: teamApplications() }] },
      argoEvents: { workflow: false, control: true },
    },
  });
  stops.push(() => platform.stop());
  const { dex, argoEvents } = platform;
  if (!dex || !platform.argocd || !argoEvents?.control) {
    throw new Error(
      'the local platform did not describe its dex, argocd and argoEvents peers',
    );
  }
  const argocd = await argocdPeer(platform.argocd);
  const control = argoEvents.control;

  const git = await startLoopbackGitServer();
  stops.push(() => git.stop());
  await git.createRepository('platform', 'gitops');
  await seedRepo(authedUrl(git.url, git.adminToken, 'platform', 'gitops'), {
    'README.md': '# GitOps repository\n',
    'argocd/applications/.gitkeep': '',
  });

  const observability = await startObservabilityUpstream({
    grafanaToken: TEST_SECRETS.grafanaToken,
  });
  stops.push(() => observability.stop());

  return {
    dex,
    git,
    gitHost: new URL(git.url).host,
    argocd,
    webhook: {
      url: argoEvents.url,
      token: argoEvents.token,
      deliveries: argoEventsControl(control).deliveries,
    },
    observability,
    secrets: [dex.clientSecret, argocd.token, argoEvents.token],
  };
}
