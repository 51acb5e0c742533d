/*
 * The New service skeletons, rendered by the real fetch:template action with the template's own
 * step inputs, for every stack: the files a new repository gets are there and parse, nothing is left
 * unrendered, and the code BUILDS, its tests PASS and the built service answers /healthz and /readyz
 * (Node via the repo's TypeScript, Go via `go`, Python via `python3`; scripts/system-deps.sh installs
 * Go).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import { freePort, waitFor } from '@internal/plugin-portico-node/testUtils';
import { repoRoot } from './paths';
import {
  LANGUAGES,
  Language,
  NewServiceParameters,
  renderNewService,
} from './renderSkeleton';

jest.setTimeout(240_000);

// A description with YAML/JSON/TOML-significant characters: it must come out as data everywhere.
const DESCRIPTION = `Card refunds: "fast" & safe # not a comment, [not a list]`;

function params(language: Language): NewServiceParameters {
  return {
    name: `refunds-${language}`,
    owner: 'group:default/payments-team',
    description: DESCRIPTION,
    language,
    traffic: 'medium',
    storage: 'postgresql',
    extraSecrets: [{ secretKey: 'STRIPE_API_KEY', remoteKey: 'stripe' }],
  };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === '__pycache__')
      return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function run(cmd: string, args: string[], cwd: string, env = {}): string {
  const result = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 200_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${
        result.stdout
      }\n${result.stderr}`,
    );
  }
  return `${result.stdout}${result.stderr}`;
}

/** Starts the built service, waits for /healthz, returns the answers of /healthz, /readyz and /. */
async function probe(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Record<string, { status: number; body: unknown }>> {
  const port = await freePort();
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    const ready = await waitFor(
      `the service on port ${port}`,
      async () => {
        if (child.exitCode !== null) return 'exited';
        await fetch(`${base}/healthz`);
        return 'listening';
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    ).catch(() => 'timed out');
    if (ready !== 'listening') {
      throw new Error(`service did not listen on ${port}:\n${output}`);
    }
    const answers: Record<string, { status: number; body: unknown }> = {};
    for (const path of ['/healthz', '/readyz', '/', '/missing']) {
      const res = await fetch(`${base}${path}`);
      answers[path] = { status: res.status, body: await res.json() };
    }
    return answers;
  } finally {
    child.kill('SIGKILL');
  }
}

describe.each(LANGUAGES)('New service skeleton: %s', language => {
  const p = params(language);
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `portico-skeleton-${language}-`));
    await renderNewService(p, dir);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has the files a new repository needs, every placeholder rendered', () => {
    const list = files(dir).map(f => relative(dir, f));
    for (const required of [
      'catalog-info.yaml',
      'mkdocs.yml',
      'README.md',
      'docs/index.md',
      'docs/runbook.md',
      'docs/adr/0001-stack-and-delivery.md',
      'Dockerfile',
      '.dockerignore',
      '.github/workflows/ci.yaml',
    ]) {
      expect(list).toContain(required);
    }
    for (const file of list) {
      const text = readFileSync(join(dir, file), 'utf8');
      if (file.startsWith('.github/')) continue; // GitHub Actions expressions stay as they are
      expect({ file, unrendered: /\$\{\{|\{%|values\./.test(text) }).toEqual({
        file,
        unrendered: false,
      });
    }
  });

  it('catalog-info.yaml is a Component owned by the chosen group, wired to Argo CD, Kubernetes and TechDocs', () => {
    const entity = YAML.parse(
      readFileSync(join(dir, 'catalog-info.yaml'), 'utf8'),
    );
    expect(entity).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: p.name,
        description: DESCRIPTION,
        annotations: {
          'argocd/app-name': p.name,
          'backstage.io/kubernetes-id': p.name,
          'backstage.io/techdocs-ref': 'dir:.',
        },
      },
      spec: { type: 'service', owner: p.owner },
    });
    const mkdocs = YAML.parse(readFileSync(join(dir, 'mkdocs.yml'), 'utf8'));
    expect(mkdocs.site_description).toBe(DESCRIPTION);
    const navFiles = JSON.stringify(mkdocs.nav).match(/[\w/.-]+\.md/g) ?? [];
    expect(navFiles.length).toBe(3);
    for (const page of navFiles)
      expect(existsSync(join(dir, 'docs', page))).toBe(true);
    const runbook = readFileSync(join(dir, 'docs/runbook.md'), 'utf8');
    expect(runbook).toContain(`ExternalSecret \`${p.name}-postgres\``);
    expect(runbook).toContain('`STRIPE_API_KEY`');
  });

  it('Dockerfile is multi-stage and the final stage runs as a non-root user', () => {
    const lines = readFileSync(join(dir, 'Dockerfile'), 'utf8').split('\n');
    const froms = lines.filter(l => /^FROM\s/i.test(l));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const finalStage = lines.slice(lines.lastIndexOf(froms[froms.length - 1]));
    const users = finalStage.filter(l => /^USER\s/i.test(l));
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^USER\s+(root|0)(:|\s|$)/i);
  });

  it('CI builds, tests, builds the image and scans it, with GitHub expressions intact', () => {
    const text = readFileSync(join(dir, '.github/workflows/ci.yaml'), 'utf8');
    const ci = YAML.parse(text);
    const steps = Object.values<any>(ci.jobs).flatMap(j => j.steps);
    const runs = steps.map(s => s.run ?? '').join('\n');
    expect(runs).toMatch(/docker build/);
    expect(
      steps.some(s => /aquasecurity\/trivy-action/.test(s.uses ?? '')),
    ).toBe(true);
    expect(text).toContain('${{ github.sha }}');
    const testCommand = {
      node: 'npm test',
      go: 'go test',
      python: 'unittest',
    }[language];
    expect(runs).toContain(testCommand);
  });

  if (language === 'node') {
    it('builds with tsc, its tests pass, and the built service answers the probes', async () => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(pkg).toMatchObject({ name: p.name, description: DESCRIPTION });
      expect(pkg.scripts).toEqual(
        expect.objectContaining({
          build: expect.any(String),
          test: expect.any(String),
        }),
      );
      // The repo's own typescript and @types/node stand in for `npm install`.
      symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
      run(
        process.execPath,
        [
          join(repoRoot, 'node_modules/typescript/bin/tsc'),
          '-p',
          'tsconfig.json',
        ],
        dir,
      );
      const out = run(process.execPath, ['--test', 'dist/**/*.test.js'], dir);
      expect(out).toMatch(/# pass 3/);
      expect(out).toMatch(/# fail 0/);
      await expectProbes(
        await probe(process.execPath, ['dist/main.js'], dir),
        p.name,
      );
    });
  }

  if (language === 'go') {
    it('go vet, go test and go build pass, and the binary answers the probes', async () => {
      expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toMatch(
        new RegExp(`^module ${p.name}$`, 'm'),
      );
      const env = {
        GOFLAGS: '-mod=mod',
        GOPROXY: 'off',
        GOCACHE: join(tmpdir(), 'portico-gocache'),
      };
      run('go', ['vet', './...'], dir, env);
      expect(run('go', ['test', '-v', './...'], dir, env)).toMatch(
        /--- PASS: TestHealthz[\s\S]*--- PASS: TestReadyzFollowsReadiness[\s\S]*--- PASS: TestRootAndNotFound[\s\S]*\nok/,
      );
      run('go', ['build', '-o', 'service', '.'], dir, env);
      await expectProbes(await probe(join(dir, 'service'), [], dir), p.name);
    });
  }

  if (language === 'python') {
    it('pyproject is valid, the unittest suite passes, and the server answers the probes', async () => {
      const project = JSON.parse(
        run(
          'python3',
          [
            '-c',
            'import json,tomllib;print(json.dumps(tomllib.load(open("pyproject.toml","rb"))["project"]))',
          ],
          dir,
        ),
      );
      expect(project).toMatchObject({ name: p.name, description: DESCRIPTION });
      expect(project.scripts[p.name]).toBe('service.app:main');
      run('python3', ['-m', 'compileall', '-q', 'src', 'tests'], dir);
      const out = run(
        'python3',
        ['-m', 'unittest', 'discover', '-s', 'tests', '-v'],
        dir,
        { PYTHONPATH: 'src' },
      );
      expect(out).toMatch(/Ran 3 tests[\s\S]*\nOK/);
      await expectProbes(
        await probe('python3', ['-m', 'service.app'], dir, {
          PYTHONPATH: 'src',
        }),
        p.name,
      );
    });
  }
});

async function expectProbes(
  answers: Record<string, { status: number; body: unknown }>,
  name: string,
) {
  expect(answers).toEqual({
    '/healthz': { status: 200, body: { status: 'ok' } },
    '/readyz': { status: 200, body: { status: 'ready' } },
    '/': { status: 200, body: { service: name } },
    '/missing': { status: 404, body: { error: 'not found' } },
  });
}
