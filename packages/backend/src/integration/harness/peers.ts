/*
 * The peers the Portico backend talks to, started on loopback for the harness: a Dex-like OIDC
 * provider (real sign-in), the loopback Git server with the GitOps repository, a fake Argo CD
 * holding team-a's and team-b's applications, the Argo Events webhook harness, and the
 * Prometheus/Loki/Grafana stand-ins.
 */
import {
  DexLikeServer,
  startDexLikeServer,
} from '@internal/plugin-auth-backend-module-dex-provider/testUtils';
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
// The plugins' own fakes (their testUtils entry points), for a test harness.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { FakeArgoCd, makeFakeApplication } from '@internal/plugin-argocd-backend/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { WebhookHarness } from '@internal/plugin-provisioning-backend/testUtils';
import { authedUrl, seedRepo } from '@internal/template-checks';
import { ORG_USERS } from './org';
import { ObservabilityUpstream, startObservabilityUpstream } from './observabilityUpstream';
import { HELM_VALUES_CANARY, TEST_SECRETS } from './secrets';

export interface Peers {
  dex: DexLikeServer;
  git: LoopbackGitServer;
  /** host:port of the loopback Git server, as template inputs (repoHost) name it. */
  gitHost: string;
  argocd: FakeArgoCd;
  /** The Argo CD instance name in the config. */
  argocdInstance: string;
  webhook: WebhookHarness;
  observability: ObservabilityUpstream;
}

/** Team-b's application carries Helm values, parameters and plugin env a Roadie route must not show. */
function teamApplications() {
  const teamApp = (name: string, team: string) =>
    makeFakeApplication({
      name,
      labels: { 'portico.io/team': team, 'app.kubernetes.io/name': name },
      project: `team-${team}`,
      chart: name === 'svc-b' ? 'svc-b' : undefined,
    });
  const svcB = teamApp('svc-b', 'team-b');
  Object.assign(svcB.spec.source, {
    helm: {
      values: `db:\n  password: ${HELM_VALUES_CANARY}\n`,
      parameters: [{ name: 'db.password', value: HELM_VALUES_CANARY }],
    },
  });
  return [teamApp('svc-a', 'team-a'), svcB];
}

/**
 * Starts every peer for a backend at `baseUrl`; each one's stop is pushed to `stops` as soon as it
 * runs, so a failure half-way stops what was started.
 */
export async function startPeers(baseUrl: string, stops: Array<() => unknown>): Promise<Peers> {
  const dex = await startDexLikeServer({
    clientId: 'portico',
    clientSecret: TEST_SECRETS.dexSecret,
    redirectUri: `${baseUrl}/api/auth/dex/handler/frame`,
    users: Object.fromEntries(
      Object.entries(ORG_USERS).map(([id, u]) => [id, { email: u.email, name: u.name, groups: u.dexGroups }]),
    ),
  });
  stops.push(() => dex.stop());

  const git = await startLoopbackGitServer();
  stops.push(() => git.stop());
  await git.createRepository('platform', 'gitops');
  await seedRepo(authedUrl(git.url, git.adminToken, 'platform', 'gitops'), {
    'README.md': '# GitOps repository\n',
    'argocd/applications/.gitkeep': '',
  });

  const argocd = await FakeArgoCd.start({ tokens: [TEST_SECRETS.argocdToken], apps: teamApplications() });
  stops.push(() => argocd.close());

  const webhook = await WebhookHarness.start({
    context: { endpoint: '/provisioning', method: 'POST' },
    authToken: TEST_SECRETS.webhookToken,
  });
  stops.push(() => webhook.stop());

  const observability = await startObservabilityUpstream({ grafanaToken: TEST_SECRETS.grafanaToken });
  stops.push(() => observability.stop());

  return {
    dex,
    git,
    gitHost: new URL(git.url).host,
    argocd,
    argocdInstance: 'main',
    webhook,
    observability,
  };
}
