/*
 * The harness's Argo CD: one instance of the local platform's argocd peer holding team-a's and
 * team-b's applications, read through its API (with the peer's token) and its control server
 * (request counts), as the backend sees it.
 */
import {
  argocdControl,
  type LocalPlatformDescription,
} from '@internal/local-platform';
// The plugin's own fake (its testUtils entry point), for a test harness.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import type {
  FakeAppSpec,
  FakeRoute,
} from '@internal/plugin-argocd-backend/testUtils';
import { HELM_VALUES_CANARY } from './secrets';

export interface ArgocdPeer {
  /** The Argo CD instance name in the config. */
  instance: string;
  url: string;
  token: string;
  /** The synced revision of each application, as the instance served it at start. */
  revisions: Record<string, string>;
  /** Requests of this route the instance answered (the peer's control server counts them). */
  count(route: FakeRoute): Promise<number>;
}

const APPS = ['svc-a', 'svc-b'];

/** Team-b's application carries Helm values and parameters a Roadie route must not show. */
export function teamApplications(): FakeAppSpec[] {
  const teamApp = (name: string, team: string): FakeAppSpec => ({
    name,
    labels: { 'portico.io/team': team, 'app.kubernetes.io/name': name },
    project: `team-${team}`,
  });
  return [
    teamApp('svc-a', 'team-a'),
    {
      ...teamApp('svc-b', 'team-b'),
      chart: 'svc-b',
      helm: {
        values: `db:\n  password: ${HELM_VALUES_CANARY}\n`,
        parameters: [{ name: 'db.password', value: HELM_VALUES_CANARY }],
      },
    },
  ];
}

/**
 * The started peer's one instance, with the revisions of its applications; throws when svc-b
 * does not carry the canary (the Roadie rows would then prove nothing).
 */
export async function argocdPeer(
  described: NonNullable<LocalPlatformDescription['argocd']>,
): Promise<ArgocdPeer> {
  const [{ name: instance, url, token }] = described.instances;
  const app = async (name: string) => {
    const res = await fetch(`${url}/api/v1/applications/${name}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok)
      throw new Error(
        `fake Argo CD ${instance}: ${name} answered ${res.status}`,
      );
    return res.json();
  };
  const revisions: Record<string, string> = {};
  for (const name of APPS) {
    const served = await app(name);
    revisions[name] = served.status.sync.revision;
    if (
      name === 'svc-b' &&
      !JSON.stringify(served.spec.source).includes(HELM_VALUES_CANARY)
    ) {
      throw new Error(
        'fake Argo CD: svc-b does not carry the Helm values canary',
      );
    }
  }
  return {
    instance,
    url,
    token,
    revisions,
    async count(route) {
      const counts = await argocdControl(described.control).counts();
      return counts[instance]?.[route] ?? 0;
    },
  };
}
