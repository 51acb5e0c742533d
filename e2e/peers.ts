/*
 * The peers the e2e backend talks to, each a child process in its own process group (stopped with
 * the portal): the fake Argo CD instances (fake-argocd.cts) and the loopback Git server
 * (loopback-git.cts). The backend reaches them through PORTICO_E2E_* variables, which
 * e2e/app-config.e2e.yaml reads.
 */
import { defaultLog, startHelperProcess } from './processes.ts';

export interface FakeArgocd {
  instances: { name: string; url: string; token: string }[];
  /** POST /fault {instance, fault} here to take an instance down (PORTICO_E2E_ARGOCD_CONTROL). */
  control: string;
  /** Application names served (the example catalog's argocd/app-name annotations). */
  apps: string[];
  pgid: number;
}

/**
 * Starts the fake Argo CD instances of argocd-backend's test utilities and waits for the line
 * describing them. The backend gets their URLs and tokens through
 * PORTICO_E2E_ARGOCD_<NAME>_URL / _TOKEN ({@link fakeArgocdEnv}; argocd.instances,
 * argocd.appLocatorMethods in e2e/app-config.e2e.yaml).
 */
export async function startFakeArgocd(
  log: (line: string) => void = defaultLog,
): Promise<FakeArgocd> {
  const { description, pgid } = await startHelperProcess(
    'e2e/fake-argocd.cts',
    'fake Argo CD',
  );
  const fake = { ...description, pgid } as FakeArgocd;
  log(
    `fake Argo CD: ${fake.instances
      .map(i => `${i.name} ${i.url}`)
      .join(', ')} (${fake.apps.length} apps; control ${fake.control})`,
  );
  return fake;
}

/** Backend env for the fake instances (read by e2e/app-config.e2e.yaml). */
export function fakeArgocdEnv(fake: FakeArgocd): NodeJS.ProcessEnv {
  return Object.fromEntries(
    fake.instances.flatMap(i => {
      const key = `PORTICO_E2E_ARGOCD_${i.name.toUpperCase()}`;
      return [
        [`${key}_URL`, i.url],
        [`${key}_TOKEN`, i.token],
      ];
    }),
  );
}

export interface LoopbackGit {
  /** Base URL, e.g. http://127.0.0.1:N */
  url: string;
  /** host:port, what a template's repoUrl names. */
  host: string;
  adminToken: string;
  pgid: number;
}

/**
 * Starts the loopback Git server of scaffolder-backend-module-platform's test utilities, holding
 * the GitOps repository platform/gitops. The backend gets it through PORTICO_E2E_GIT_URL / _HOST /
 * _ADMIN_TOKEN ({@link loopbackGitEnv}; portico.scaffolder.git, portico.scaffolder.gitops,
 * backend.reading.allow in e2e/app-config.e2e.yaml).
 */
export async function startLoopbackGit(
  log: (line: string) => void = defaultLog,
): Promise<LoopbackGit> {
  const { description, pgid } = await startHelperProcess(
    'e2e/loopback-git.cts',
    'loopback Git server',
  );
  const git = { ...description, pgid } as LoopbackGit;
  log(`loopback Git server: ${git.url} (GitOps repository platform/gitops)`);
  return git;
}

/** Backend env for the loopback Git server (read by e2e/app-config.e2e.yaml). */
export function loopbackGitEnv(git: LoopbackGit): NodeJS.ProcessEnv {
  return {
    PORTICO_E2E_GIT_URL: git.url,
    PORTICO_E2E_GIT_HOST: git.host,
    PORTICO_E2E_GIT_ADMIN_TOKEN: git.adminToken,
  };
}
