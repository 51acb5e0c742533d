/*
 * Runs Portico's templates through the real scaffolder: the template backend
 * (templateBackend.ts) publishing to a loopback Git server (git http-backend) that also holds the
 * GitOps repository, and a client for it as a signed-in user (backendClient.ts). Used by the
 * integration tests (their own Git server) and by bench/templates (the local platform's git peer,
 * given as `options.git`).
 */
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
import { authedUrl, seedRepo } from '../gitClient';
import {
  BackendRequest,
  backendRequest,
  DryRunResult,
  TaskResult,
  waitForEntity,
  waitForTask,
} from './backendClient';
import { GITOPS, startTemplateBackend } from './templateBackend';
import { readTemplateEntity, templateDirectoryContents } from './templateFiles';

/** A Git server started by the caller (bench/templates: the local platform's git peer). */
export interface TemplateHarnessGit {
  url: string;
  /** host[:port] as repoUrl expects it. */
  host: string;
  adminToken: string;
}

export interface TemplateHarnessOptions {
  /**
   * Publish to this loopback Git server instead of starting one. It must hold the GitOps
   * repository (platform/gitops, seeded) already; the harness does not stop it.
   */
  git?: TemplateHarnessGit;
}

/** `git` is the harness's own LoopbackGitServer, or the caller's when given one. */
export interface TemplateHarness<
  G extends TemplateHarnessGit = LoopbackGitServer,
> {
  git: G;
  baseUrl: string;
  /** host[:port] of the Git server as repoUrl expects it. */
  gitHost: string;
  request: BackendRequest;
  waitForEntity(user: string, ref: string, timeoutMs?: number): Promise<any>;
  dryRun(
    user: string,
    templateName: string,
    values: Record<string, unknown>,
  ): Promise<DryRunResult>;
  run(
    user: string,
    templateName: string,
    values: Record<string, unknown>,
  ): Promise<TaskResult>;
  /** Starts a task; resolves with its id or the HTTP error. */
  start(
    user: string,
    templateName: string,
    values: Record<string, unknown>,
  ): Promise<{ status: number; body: any }>;
  waitForTask(
    user: string,
    id: string,
    timeoutMs?: number,
  ): Promise<TaskResult>;
  stop(): Promise<void>;
}

/** Its own loopback Git server with platform/gitops seeded (stopped with the harness). */
async function startOwnGit(): Promise<LoopbackGitServer> {
  const git = await startLoopbackGitServer();
  await git.createRepository(GITOPS.owner, GITOPS.repo);
  await seedRepo(
    authedUrl(git.url, git.adminToken, GITOPS.owner, GITOPS.repo),
    {
      'README.md':
        '# GitOps repository\n\nOne directory per service under apps/, one per namespace under platform/namespaces/, Argo CD Applications under argocd/applications/, team AppProjects under argocd/projects/.\n',
      'argocd/applications/.gitkeep': '',
    },
  );
  return git;
}

export function startTemplateHarness(): Promise<TemplateHarness>;
export function startTemplateHarness(options: {
  git: TemplateHarnessGit;
}): Promise<TemplateHarness<TemplateHarnessGit>>;
export async function startTemplateHarness(
  options: TemplateHarnessOptions = {},
): Promise<TemplateHarness<TemplateHarnessGit>> {
  const own = options.git ? undefined : await startOwnGit();
  const git: TemplateHarnessGit = options.git ?? own!;
  const gitHost = new URL(git.url).host;
  const { backend, baseUrl } = await startTemplateBackend(git);
  const request = backendRequest(baseUrl);
  const start = (
    user: string,
    templateName: string,
    values: Record<string, unknown>,
  ) =>
    request(user, 'POST', '/api/scaffolder/v2/tasks', {
      templateRef: `template:default/${templateName}`,
      values,
    });

  return {
    git,
    baseUrl,
    gitHost,
    request,
    waitForEntity: (user, ref, timeoutMs) =>
      waitForEntity(request, user, ref, timeoutMs),
    waitForTask: (user, id, timeoutMs) =>
      waitForTask(request, user, id, timeoutMs),
    start,
    async dryRun(user, templateName, values) {
      return request(user, 'POST', '/api/scaffolder/v2/dry-run', {
        template: readTemplateEntity(templateName),
        values,
        secrets: {},
        directoryContents: templateDirectoryContents(templateName),
      });
    },
    async run(user, templateName, values) {
      const res = await start(user, templateName, values);
      if (res.status !== 201) {
        throw new Error(
          `POST /v2/tasks answered ${res.status}: ${JSON.stringify(res.body)}`,
        );
      }
      return waitForTask(request, user, res.body.id);
    },
    async stop() {
      await backend.stop();
      await own?.stop();
    },
  };
}
