/*
 * The attack suite (issue 12): every row of attacks.ts, run against the whole Portico backend
 * (packages/backend/src/features.ts) on PostgreSQL, signed in for real through the Dex-like OIDC
 * provider. Each row asserts the refusal (status and message), that nothing was created anywhere
 * (Git server, fake Argo CD, provisioning database and webhook, catalog, observability upstreams),
 * and that the refusal is in the audit log, read through the audit API as the auditor.
 */
import fs from 'node:fs';
import path from 'node:path';
import { authedUrl, seedRepo, templatesDir } from '@internal/template-checks';
import YAML from 'yaml';
import { ATTACKS, AttackRequest, AttackRow, Effect } from './attacks';
import {
  Caller,
  PorticoTestBackend,
  startPorticoTestBackend,
  unknownId,
} from './harness/startPortico';

jest.setTimeout(120_000);

const describeWithPg =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING || process.env.CI
    ? describe
    : describe.skip;

/** What a developer's repository on the Git server holds: entities only the platform may register. */
const EVIL_REPO = {
  'group.yaml': YAML.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'evil-admins' },
    spec: { type: 'team', children: [], members: ['alice-dev'] },
  }),
  'template.yaml': YAML.stringify({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'evil-template' },
    spec: { owner: 'group:default/team-a', type: 'service', steps: [] },
  }),
  'component.yaml': YAML.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'evil-svc' },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-b' },
  }),
};

function templateFiles(name: string) {
  const root = path.join(templatesDir, name);
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir).flatMap(entry => {
      const p = path.join(dir, entry);
      return fs.statSync(p).isDirectory() ? walk(p) : [p];
    });
  return walk(root).map(p => ({
    path: path.relative(root, p),
    base64Content: fs.readFileSync(p).toString('base64'),
  }));
}

function errorMessage(body: any, text: string): string {
  if (body && typeof body === 'object') {
    if (body.error && typeof body.error === 'object') {
      return `${body.error.name ?? 'Error'}: ${body.error.message ?? ''}`;
    }
    if (Array.isArray(body.errors)) {
      return body.errors.map((e: any) => e.stack ?? e.message ?? JSON.stringify(e)).join('; ');
    }
  }
  return text.slice(0, 2000);
}

interface Outcome {
  status: number | 'task-failed' | 'task-completed';
  message: string;
  text: string;
  body: any;
}

describeWithPg('attacks of issue 12 (a developer of team-a against team-b)', () => {
  let b: PorticoTestBackend;
  let runId = '';
  let taskId = '';
  const uids = new Map<string, string>();

  beforeAll(async () => {
    b = await startPorticoTestBackend();
    await b.git.createRepository('team-a', 'evil');
    await seedRepo(authedUrl(b.git.url, b.git.adminToken, 'team-a', 'evil'), EVIL_REPO);
    // A run of team-a's, for the callback rows (its workflow never reports back here).
    const res = await b.request('dan-dev', 'POST', '/api/provisioning/runs', {
      template: 'new-environment',
      entityRef: 'component:default/svc-a',
      parameters: { environment: 'svc-a-preview', baselineServices: ['monitoring'] },
    });
    runId = res.body?.runId ?? unknownId();
    // A scaffolder task of bob's (team-b), for the task rows: it names alice's service, so its own
    // owner step refuses it and nothing is written.
    const task = await b.request('bob-dev', 'POST', '/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/add-secret',
      values: {
        component: 'component:default/svc-a',
        secretName: 'bob-task',
        data: [{ secretKey: 'A', remoteKey: 'a' }],
        storeKind: 'ClusterSecretStore',
        storeName: 'vault',
      },
    });
    if (task.status !== 201) {
      throw new Error(`bob could not start a task: ${task.status} ${task.text}`);
    }
    taskId = task.body.id;
    for (let i = 0; i < 300; i++) {
      const status = (await b.request('bob-dev', 'GET', `/api/scaffolder/v2/tasks/${taskId}`)).body?.status;
      if (['completed', 'failed', 'cancelled'].includes(status)) break;
      await new Promise(r => setTimeout(r, 200));
    }
    // A location the platform's admin registered (team-b's repository), for the delete rows.
    await b.git.createRepository('team-b', 'svc-b-docs');
    await seedRepo(authedUrl(b.git.url, b.git.adminToken, 'team-b', 'svc-b-docs'), {
      'catalog-info.yaml': YAML.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'svc-b-docs' },
        spec: { type: 'documentation', lifecycle: 'production', owner: 'group:default/team-b' },
      }),
    });
    const registered = await b.request('ada-admin', 'POST', '/api/catalog/locations', {
      type: 'url',
      target: `${b.git.url}/team-b/svc-b-docs/raw/main/catalog-info.yaml`,
    });
    if (registered.status !== 201) {
      throw new Error(`the admin could not register team-b's location: ${registered.status} ${registered.text}`);
    }
    for (let i = 0; i < 120; i++) {
      const docs = await b.request('ada-admin', 'GET', '/api/catalog/entities/by-name/component/default/svc-b-docs');
      if (docs.status === 200) break;
      await new Promise(r => setTimeout(r, 250));
    }
  }, 300_000);

  afterAll(async () => {
    await b?.stop();
  });

  const fill = async (value: unknown): Promise<unknown> => {
    if (typeof value === 'string') {
      let out = value
        .replace(/\$gitHost/g, b.gitHost)
        .replace(/\$gitUrl/g, b.git.url)
        .replace(/\$argo\b/g, b.argocdInstance)
        .replace(/\$run\b/g, runId)
        .replace(/\$task\b/g, taskId);
      const uid = /\$uid:([a-z]+:[a-z0-9-]+\/[a-z0-9-]+)/.exec(out);
      if (uid) {
        if (!uids.has(uid[1])) {
          const [kind, rest] = uid[1].split(':');
          const res = await b.request('ada-admin', 'GET', `/api/catalog/entities/by-name/${kind}/${rest}`);
          uids.set(uid[1], res.body?.metadata?.uid ?? unknownId());
        }
        out = out.replace(uid[0], uids.get(uid[1])!);
      }
      const location = /\$location:([A-Za-z0-9._-]+)/.exec(out);
      if (location) {
        const res = await b.request('ada-admin', 'GET', '/api/catalog/locations');
        const hit = (res.body as any[]).find(l => String(l.data?.target ?? l.target).includes(location[1]));
        out = out.replace(location[0], hit?.data?.id ?? hit?.id ?? unknownId());
      }
      return out;
    }
    if (Array.isArray(value)) return Promise.all(value.map(fill));
    if (value && typeof value === 'object') {
      const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await fill(v)] as const));
      return Object.fromEntries(entries);
    }
    return value;
  };

  const waitForTask = async (as: Caller, id: string): Promise<Outcome> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const task = await b.request(as, 'GET', `/api/scaffolder/v2/tasks/${id}`);
      const status = task.body?.status;
      if (['completed', 'failed', 'cancelled'].includes(status)) {
        const events = await b.request(as, 'GET', `/api/scaffolder/v2/tasks/${id}/events`);
        const list: any[] = Array.isArray(events.body) ? events.body : [];
        const completion = list.find(e => e.type === 'completion');
        const message = String(completion?.body?.error?.message ?? completion?.body?.message ?? '');
        return { status: status === 'completed' ? 'task-completed' : 'task-failed', message, text: events.text, body: list };
      }
      if (Date.now() > deadline) throw new Error(`task ${id} still ${status}`);
      await new Promise(r => setTimeout(r, 200));
    }
  };

  const perform = async (as: Caller, request: AttackRequest): Promise<Outcome> => {
    const filled = (await fill(request)) as AttackRequest;
    let res;
    switch (filled.kind) {
      case 'http':
        res = await b.request(as, filled.method, filled.path, filled.body);
        break;
      case 'dry-run':
        res = await b.request(as, 'POST', '/api/scaffolder/v2/dry-run', {
          template: YAML.parse(fs.readFileSync(path.join(templatesDir, filled.template, 'template.yaml'), 'utf8')),
          values: filled.values,
          secrets: {},
          directoryContents: templateFiles(filled.template),
        });
        break;
      case 'dry-run-inline':
        res = await b.request(as, 'POST', '/api/scaffolder/v2/dry-run', {
          template: filled.template,
          values: filled.values,
          secrets: {},
          directoryContents: [],
        });
        break;
      case 'task':
        res = await b.request(as, 'POST', '/api/scaffolder/v2/tasks', {
          templateRef: `template:default/${filled.template}`,
          values: filled.values,
        });
        if (res.status === 201) return waitForTask(as, res.body.id);
        break;
      default:
        throw new Error('unknown request kind');
    }
    return { status: res.status, message: errorMessage(res.body, res.text), text: res.text, body: res.body };
  };

  const pluginOf = (request: AttackRequest) =>
    request.kind === 'http' ? /^\/api\/([^/?]+)/.exec(request.path)![1] : 'scaffolder';

  /** The state each side effect is judged by, taken before and after a row. */
  const snapshot = async (effects: Effect[]) => {
    const state: Record<string, string> = {};
    for (const effect of effects) {
      if (effect === 'git') state.git = await b.gitState();
      if (effect === 'argocd') {
        state.argocd = `sync=${await b.argocd.count('sync')} refresh=${await b.argocd.count('refresh')}`;
      }
      if (effect === 'provisioning') {
        const counts: string[] = [`webhook deliveries=${(await b.webhook.deliveries()).length}`];
        for (const table of ['provisioning_runs', 'provisioning_outbox', 'provisioning_run_events', 'provisioning_run_tokens']) {
          try {
            const [row] = await b.query('provisioning', `SELECT count(*)::int AS n FROM ${table}`);
            counts.push(`${table}=${row.n}`);
          } catch (e) {
            counts.push(`${table}=? (${(e as Error).message})`);
          }
        }
        state.provisioning = counts.join(' ');
      }
      if (effect === 'catalog-locations') {
        const res = await b.request('ada-admin', 'GET', '/api/catalog/locations');
        state.locations = (res.body as any[])
          .map(l => `${l.data?.type ?? l.type}:${l.data?.target ?? l.target}`)
          .sort()
          .join('\n');
      }
    }
    return state;
  };

  const entityExists = async (ref: string) => {
    const [kind, rest] = ref.split(':');
    return (await b.request('ada-admin', 'GET', `/api/catalog/entities/by-name/${kind}/${rest}`)).status === 200;
  };

  const statusMatches = (row: AttackRow, outcome: Outcome) => {
    const allowed = Array.isArray(row.expect.status) ? row.expect.status : [row.expect.status];
    return (allowed as Array<Outcome['status']>).includes(outcome.status);
  };

  const safeOutput = (row: AttackRow, outcome: Outcome): string | undefined => {
    if (row.expect.orSafeOutput !== 'platform-secret-store') return 'not a refusal';
    if (outcome.status !== 200) return `answered ${outcome.status}`;
    const written = JSON.stringify(outcome.body?.output ?? {});
    if (/portico-github-app/.test(written)) return 'the ExternalSecret uses the store the caller named';
    return /secretStoreRef|ClusterSecretStore/.test(written) ? undefined : 'no ExternalSecret in the dry run output';
  };

  const actorMatches = (as: Caller, actor: { id?: string; type: string }) => {
    if (as === 'anonymous') return true;
    if (as === 'plugin:scaffolder') return actor.id === 'plugin:scaffolder';
    if (as === 'static-key' || as === 'unrestricted-key') return actor.type === 'service';
    return actor.id === `user:default/${as}`;
  };

  /** Each row, in order; a row lists every problem it found, so one run says all that is missing. */
  it.each(ATTACKS.map(row => [`[${row.class}] ${row.name}`, row] as const))('%s', async (_title, row) => {
    const problems: string[] = [];
    const before = await snapshot(row.effects);
    const upstreamFrom = b.observability.requests.length;
    const from = new Date().toISOString();
    const filledPath = row.request.kind === 'http' ? String(await fill(row.request.path)) : undefined;

    const outcome = await perform(row.as, row.request);
    const refused = typeof outcome.status === 'number' ? outcome.status >= 400 : outcome.status === 'task-failed';

    // 1. The answer.
    let safelyDone = false;
    if (!statusMatches(row, outcome)) {
      const safe = row.expect.orSafeOutput ? safeOutput(row, outcome) : 'not a refusal';
      safelyDone = safe === undefined;
      if (safe !== undefined) {
        problems.push(`answered ${outcome.status} (${outcome.message.slice(0, 400)}), expected ${JSON.stringify(row.expect.status)}${row.expect.orSafeOutput ? ` or a safe output: ${safe}` : ''}`);
      }
    } else if (row.expect.message && !row.expect.message.test(outcome.message)) {
      problems.push(`message "${outcome.message.slice(0, 400)}" does not match ${row.expect.message}`);
    }
    if (row.expect.bodyExcludes && row.expect.bodyExcludes.test(outcome.text)) {
      const at = outcome.text.search(row.expect.bodyExcludes);
      problems.push(`the response shows ${row.expect.bodyExcludes}: …${outcome.text.slice(Math.max(0, at - 120), at + 60)}…`);
    }

    // 2. Nothing happened anywhere.
    if (row.effects.some(e => typeof e === 'object' && 'absentEntities' in e) && !refused) {
      await new Promise(r => setTimeout(r, 5000)); // the catalog processes a new location asynchronously
    }
    const after = await snapshot(row.effects);
    for (const [what, value] of Object.entries(before)) {
      if (after[what] !== value) problems.push(`${what} changed:\n  before: ${value}\n  after:  ${after[what]}`);
    }
    for (const effect of row.effects) {
      if (typeof effect !== 'object') continue;
      if ('upstream' in effect) {
        const asked = b.observability.requests
          .slice(upstreamFrom)
          .filter(r => effect.upstream.test(`${r.path} ${r.asked}`));
        if (asked.length) {
          problems.push(`${asked[0].upstream} was asked ${effect.upstream}: ${asked[0].path} ${asked[0].asked.slice(0, 200)}`);
        }
      }
      if ('absentEntities' in effect) {
        for (const ref of effect.absentEntities) {
          if (await entityExists(ref)) problems.push(`${ref} is in the catalog`);
        }
      }
      if ('presentEntity' in effect && !(await entityExists(effect.presentEntity))) {
        problems.push(`${effect.presentEntity} is gone from the catalog`);
      }
    }

    // 3. The audit log.
    const audit = row.audit ?? 'refusal';
    const plugin = pluginOf(row.request);
    if (audit === 'refusal' && !safelyDone) {
      let found = false;
      let seen: string[] = [];
      for (let i = 0; i < 20 && !found; i++) {
        const events = await b.auditEvents({ plugin, outcome: 'failed', from });
        const mine = events.filter(
          e =>
            (row.request.kind === 'task' || actorMatches(row.as, e.actor)) &&
            // The event of this request, not of an earlier row's.
            (!filledPath || !e.request?.url || e.request.url === filledPath),
        );
        seen = mine.map(e => `${e.action} by ${e.actor.id ?? e.actor.type}: ${e.error ?? '(no error)'}`);
        const wanted = row.expect.auditMessage ?? row.expect.message;
        found = mine.some(e => !wanted || wanted.test(e.error ?? ''));
        if (!found) await new Promise(r => setTimeout(r, 250));
      }
      if (!found) {
        const wanted = row.expect.auditMessage ?? row.expect.message;
        problems.push(`no failed ${plugin} audit event by ${row.as}${wanted ? ` matching ${wanted}` : ''}; stored: ${seen.slice(0, 5).join(' | ') || 'none'}`);
      }
    }
    if (audit === 'none') {
      await new Promise(r => setTimeout(r, 500));
      const events = await b.auditEvents({ plugin, from });
      const written = events.filter(e => /callback/.test(e.action) || JSON.stringify(e.meta ?? {}).includes('forged-1'));
      if (written.length) {
        problems.push(`the refused request wrote ${written.length} audit event(s): ${written.map(e => `${e.action} ${e.outcome}`).join(', ')}`);
      }
    }

    expect(problems).toEqual([]);
  });

  it('leaked no secret of the setup into the backend’s output', () => {
    const logs = b.output();
    const leaked = [...b.secrets, ...Object.values(b.tokens)].filter(s => logs.includes(s));
    expect(leaked.map(s => `${s.slice(0, 12)}…`)).toEqual([]);
  });

  it('kept the audit hash chain intact through all of it', async () => {
    const res = await b.request('erin-auditor', 'GET', '/api/audit/verify');
    expect(res.body).toMatchObject({ ok: true });
  });
});
