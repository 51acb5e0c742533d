import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { StaticTeamNamespaces } from '@internal/plugin-portico-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PlatformActionDeps } from '../actions/deps';
import { TaskLedger } from '../actions/taskLedger';
import { readPlatformSettings } from '../config';
import { createTokenProvider } from '../git/tokenProviders';
import { TokenVault } from '../git/tokenVault';
import { OwnerCheck } from '../owner/ownerCheck';
import { LoopbackGitServer } from './loopbackGitServer';

const run = promisify(execFile);

export const BOB = {
  userEntityRef: 'user:default/bob',
  ownershipEntityRefs: ['user:default/bob', 'group:default/team-a'],
};
export const bobEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'bob' },
  spec: {
    profile: { displayName: 'Bob Builder', email: 'bob@example.com' },
    memberOf: ['team-a'],
  },
} as const;

/** Settings for a loopback server (or none), plus extra portico.scaffolder keys. */
function settingsFor(
  server?: LoopbackGitServer,
  extra: object = {},
  reservedNamespaces?: string[],
) {
  return readPlatformSettings(
    new ConfigReader({
      portico: {
        ...(reservedNamespaces ? { reservedNamespaces } : {}),
        scaffolder: {
          gitops: {
            repoUrl: `${
              server?.host ?? '127.0.0.1:1'
            }?owner=platform&repo=gitops`,
          },
          ...(server
            ? {
                git: {
                  provider: 'loopback',
                  baseUrl: server.url,
                  loopback: { adminToken: server.adminToken },
                },
              }
            : {}),
          ...extra,
        },
      },
    }),
  );
}

export function depsFor(
  server: LoopbackGitServer | undefined,
  options: {
    user?: typeof BOB;
    extra?: object;
    catalog?: any[];
    permissionsAllow?: boolean;
    /** portico.reservedNamespaces */
    reserved?: string[];
    /** What the cluster says: team → namespaces labelled for it. */
    clusterNamespaces?: Record<string, string[]>;
  } = {},
): PlatformActionDeps {
  const settings = settingsFor(server, options.extra, options.reserved);
  return {
    settings,
    ownerCheck: new OwnerCheck({
      userInfo: mockServices.userInfo(options.user ?? BOB),
      permissions:
        options.permissionsAllow === false
          ? mockServices.permissions.mock({
              authorize: async () => [{ result: 'DENY' as any }],
            } as any)
          : mockServices.permissions(),
      catalog: catalogServiceMock({ entities: options.catalog ?? [] }),
      adminGroups: new Set(['group:default/portico-admins']),
    }),
    vault: new TokenVault(),
    ledger: new TaskLedger(),
    auditor: recordingAuditor(),
    tokenProvider: createTokenProvider(settings.git),
    teamNamespaces: new StaticTeamNamespaces(options.clusterNamespaces ?? {}),
  };
}

/** Seeds the GitOps repository with a README commit. */
export async function seedGitops(
  server: LoopbackGitServer,
  files: Record<string, string> = { 'README.md': '# GitOps\n' },
) {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'seed-'));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'seed',
    GIT_AUTHOR_EMAIL: 'seed@x',
    GIT_COMMITTER_NAME: 'seed',
    GIT_COMMITTER_EMAIL: 'seed@x',
  };
  await run('git', ['init', '-q', '-b', 'main', dir]);
  for (const [p, content] of Object.entries(files)) {
    await fs.promises.mkdir(path.dirname(path.join(dir, p)), {
      recursive: true,
    });
    await fs.promises.writeFile(path.join(dir, p), content);
  }
  await run('git', ['add', '.'], { cwd: dir, env });
  await run('git', ['commit', '-q', '-m', 'seed'], { cwd: dir, env });
  const header = `http.extraHeader=Authorization: Bearer ${server.adminToken}`;
  await run(
    'git',
    ['-c', header, 'push', '-q', server.cloneUrl('platform', 'gitops'), 'main'],
    { cwd: dir, env },
  );
  await fs.promises.rm(dir, { recursive: true, force: true });
}

/** `git log` of a bare repository on the server: one line per commit "author|email|subject". */
export async function log(
  server: LoopbackGitServer,
  owner: string,
  repo: string,
) {
  const out = await server.git(owner, repo, [
    'log',
    '--format=%an|%ae|%s',
    'main',
  ]);
  return out.trim().split('\n').filter(Boolean);
}

export async function listFiles(
  server: LoopbackGitServer,
  owner: string,
  repo: string,
) {
  const out = await server.git(owner, repo, [
    'ls-tree',
    '-r',
    '--name-only',
    'main',
  ]);
  return out.trim().split('\n').filter(Boolean).sort();
}

/** Logger that records every message and every redaction the actions register. */
export function recordingLogger() {
  const lines: string[] = [];
  const redactions: string[] = [];
  const record = (message: string, meta?: unknown) =>
    lines.push(`${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`);
  const logger: any = {
    info: record,
    warn: record,
    error: record,
    debug: record,
    child: () => logger,
    addRedactions: (values: string[]) => redactions.push(...values),
  };
  return { logger, lines, redactions };
}

interface RecordedAuditEvent {
  eventId: string;
  status: 'initiated' | 'succeeded' | 'failed';
  meta?: unknown;
  error?: string;
}

/** Auditor that keeps every event in `events` (initiated, then succeeded/failed). */
export function recordingAuditor() {
  const events: RecordedAuditEvent[] = [];
  return {
    events,
    async createEvent(options: { eventId: string; meta?: unknown }) {
      events.push({
        eventId: options.eventId,
        status: 'initiated',
        meta: options.meta,
      });
      return {
        async success(result?: { meta?: unknown }) {
          events.push({
            eventId: options.eventId,
            status: 'succeeded',
            meta: result?.meta,
          });
        },
        async fail(result: { error: Error }) {
          events.push({
            eventId: options.eventId,
            status: 'failed',
            error: result.error.message,
          });
        },
      };
    },
  };
}
