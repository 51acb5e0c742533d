/*
 * Runs Portico's templates through the real scaffolder: a test backend with the scaffolder, the
 * catalog (reading catalog/all.yaml and templates/all.yaml like app-config.yaml does), the upstream
 * GitHub module and Portico's platform module, publishing to the loopback Git server (git
 * http-backend) that also holds the GitOps repository. Used by the integration tests and by
 * bench/templates.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import {
  LoopbackGitServer,
  startLoopbackGitServer,
} from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
import { scaffolderModulePlatform } from '@internal/plugin-scaffolder-backend-module-platform';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import YAML from 'yaml';
import { authedUrl, seedRepo } from './gitClient';
import { orgOwnershipRefs } from './orgOwnership';
import { repoRoot, templatesDir } from './paths';

export const GITOPS = { owner: 'platform', repo: 'gitops' };

export interface TaskResult {
  id: string;
  status: string;
  output: Record<string, any>;
  log: string[];
  /** The message of the failed step, when the task failed. */
  error?: string;
}

export interface DryRunResult {
  status: number;
  body: {
    output?: Record<string, any>;
    log?: Array<{
      body: { message: string; stepId?: string; status?: string };
    }>;
    directoryContents?: Array<{ path: string; base64Content: string }>;
    steps?: Array<{ id: string }>;
    errors?: unknown;
    error?: { message: string };
  };
}

export interface TemplateHarness {
  git: LoopbackGitServer;
  baseUrl: string;
  /** host[:port] of the Git server as repoUrl expects it. */
  gitHost: string;
  request(
    user: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
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

/** Every file of templates/<name>/ as the dry-run API wants it (the editor sends the same). */
export function templateDirectoryContents(templateName: string) {
  const root = join(templatesDir, templateName);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap(name => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(root).map(path => ({
    path: relative(root, path),
    base64Content: readFileSync(path).toString('base64'),
  }));
}

export function readTemplateEntity(templateName: string) {
  return YAML.parse(
    readFileSync(join(templatesDir, templateName, 'template.yaml'), 'utf8'),
  );
}

/** What the catalog sign-in resolver would give these users: their groups from catalog/org.yaml. */
const orgUserInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const principal = credentials.principal as { userEntityRef?: string };
      if (!principal.userEntityRef) throw new Error('not a user principal');
      return {
        userEntityRef: principal.userEntityRef,
        ownershipEntityRefs: orgOwnershipRefs(principal.userEntityRef),
      };
    },
  }),
});

export async function startTemplateHarness(): Promise<TemplateHarness> {
  const git = await startLoopbackGitServer();
  const gitHost = new URL(git.url).host;
  await git.createRepository(GITOPS.owner, GITOPS.repo);
  await seedRepo(
    authedUrl(git.url, git.adminToken, GITOPS.owner, GITOPS.repo),
    {
      'README.md':
        '# GitOps repository\n\nOne directory per service under apps/, one per namespace under platform/namespaces/, Argo CD Applications under argocd/applications/, team AppProjects under argocd/projects/.\n',
      'argocd/applications/.gitkeep': '',
    },
  );

  const config = {
    backend: {
      baseUrl: 'http://localhost:7007',
      // The catalog reads catalog-info.yaml of pushed repositories from the Git server.
      reading: { allow: [{ host: gitHost }] },
    },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Domain',
            'User',
            'Group',
            'Template',
          ],
        },
      ],
      locations: [
        { type: 'file', target: join(repoRoot, 'catalog', 'all.yaml') },
        { type: 'file', target: join(repoRoot, 'templates', 'all.yaml') },
      ],
    },
    portico: {
      // Beside the built-in list (kube-*, default, the platform's own): the templates' forms do
      // not know these, the validate steps refuse them.
      reservedNamespaces: ['sandbox-*'],
      access: {
        adminGroups: ['group:default/portico-admins'],
        auditorGroups: ['group:default/auditors'],
      },
      scaffolder: {
        git: {
          provider: 'loopback',
          baseUrl: git.url,
          loopback: { adminToken: git.adminToken },
        },
        gitops: {
          repoUrl: `${gitHost}?owner=${GITOPS.owner}&repo=${GITOPS.repo}`,
        },
      },
    },
  };

  const backend: TestBackend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: config }),
      orgUserInfoFactory,
      catalogPlugin,
      catalogModuleTemplateKind,
      scaffolderPlugin,
      scaffolderModuleGithub,
      scaffolderModulePlatform,
    ],
  });
  const baseUrl = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }`;

  const request = async (
    user: string,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    // node:http without keep-alive: a pooled socket the server already closed would fail a POST.
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { status, text } = await new Promise<{
      status: number;
      text: string;
    }>((resolve, reject) => {
      const req = http.request(
        `${baseUrl}${path}`,
        {
          method,
          agent: false,
          headers: {
            authorization: mockCredentials.user.header(user),
            ...(payload === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                }),
          },
        },
        res => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', chunk => (data += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: data }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status, body: parsed };
  };

  const waitForEntity = async (
    user: string,
    ref: string,
    timeoutMs = 60_000,
  ) => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await request(
        user,
        'GET',
        `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      );
      if (res.status === 200) return res.body;
      if (Date.now() > deadline)
        throw new Error(
          `${ref} not in the catalog after ${timeoutMs} ms (last ${res.status})`,
        );
      await new Promise(r => setTimeout(r, 250));
    }
  };

  const waitForTask = async (
    user: string,
    id: string,
    timeoutMs = 120_000,
  ): Promise<TaskResult> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = await request(user, 'GET', `/api/scaffolder/v2/tasks/${id}`);
      const status = task.body?.status;
      if (['completed', 'failed', 'cancelled'].includes(status)) {
        const events = await request(
          user,
          'GET',
          `/api/scaffolder/v2/tasks/${id}/events`,
        );
        const list: any[] = Array.isArray(events.body) ? events.body : [];
        const log = list
          .filter(e => e.type === 'log')
          .map(e => String(e.body?.message ?? ''));
        const completion = list.find(e => e.type === 'completion');
        return {
          id,
          status,
          output: completion?.body?.output ?? {},
          log,
          error:
            status === 'failed'
              ? completion?.body?.error?.message ?? completion?.body?.message
              : undefined,
        };
      }
      if (Date.now() > deadline)
        throw new Error(`task ${id} still ${status} after ${timeoutMs} ms`);
      await new Promise(r => setTimeout(r, 100));
    }
  };

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
    waitForEntity,
    waitForTask,
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
      return waitForTask(user, res.body.id);
    },
    async stop() {
      await backend.stop();
      await git.stop();
    },
  };
}
