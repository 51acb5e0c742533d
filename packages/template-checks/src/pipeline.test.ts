/*
 * The pipeline every New service repository starts with reports quality data from its first
 * build: LCOV coverage posted to the portal's code-coverage backend
 * (POST /api/code-coverage/report?entity=component:default/<name>&coverageType=lcov) and SARIF
 * from the repository and image scans uploaded with github/codeql-action/upload-sarif. The
 * workflow of each stack is rendered by the real fetch:template, parsed and checked; the Node
 * stack's coverage command is run for real, and a SARIF file like the one the repository scan
 * writes is validated against the SARIF 2.1.0 schema (specs/sarif, draft-04: ajv-draft-04).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpecJson } from '@internal/plugin-portico-node/testUtils';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import { repoRoot } from './paths';
import { LANGUAGES, Language, renderNewService } from './renderSkeleton';
import sampleSarif from './testing/trivy-fs.sarif.json';

jest.setTimeout(120_000);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}

const dirs: Record<string, string> = {};

beforeAll(async () => {
  for (const language of LANGUAGES) {
    const dir = mkdtempSync(join(tmpdir(), `portico-pipeline-${language}-`));
    await renderNewService(
      {
        name: `ledger-${language}`,
        owner: 'group:default/payments-team',
        description: 'Ledger',
        language,
        traffic: 'low',
        storage: 'none',
        extraSecrets: [],
        repoOwner: 'payments',
        repoHost: 'github.com',
      },
      dir,
    );
    dirs[language] = dir;
  }
});

afterAll(() => {
  for (const dir of Object.values(dirs))
    rmSync(dir, { recursive: true, force: true });
});

function workflow(language: Language): { on: any; jobs: Record<string, Job> } {
  const text = readFileSync(
    join(dirs[language], '.github/workflows/ci.yaml'),
    'utf8',
  );
  // Strict: duplicate keys are an error, as for GitHub.
  return YAML.parse(text, { uniqueKeys: true });
}

describe.each(LANGUAGES)('the %s pipeline', language => {
  it('runs on pushes to main and pull requests, every action pinned to a version', () => {
    const ci = workflow(language);
    expect(ci.on).toEqual({ push: { branches: ['main'] }, pull_request: null });
    const uses = Object.values(ci.jobs).flatMap(j =>
      j.steps.map(s => s.uses).filter(Boolean),
    );
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w./-]+@v?\d[\w.]*$/);
  });

  it('tests with LCOV coverage and posts lcov.info to the code-coverage backend on main', () => {
    const { steps } = workflow(language).jobs['build-test'];
    const test = steps.find(s => /coverage/i.test(s.name ?? ''))!;
    expect(test.run).toBeDefined();
    // Node's test script writes it (npm test: its lcov reporter, run below).
    expect(test.run).toMatch(language === 'node' ? /^npm test$/ : /lcov\.info/);
    const upload = steps.find(s => s.run?.includes('/api/code-coverage/'))!;
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(test));
    expect(upload.if).toBe(
      "github.ref == 'refs/heads/main' && vars.PORTICO_URL != ''",
    );
    expect(upload.env).toEqual({
      PORTICO_URL: '${{ vars.PORTICO_URL }}',
      PORTICO_TOKEN: '${{ secrets.PORTICO_COVERAGE_TOKEN }}',
      ENTITY: 'component:default/${{ github.event.repository.name }}',
    });
    const run = upload.run!.replace(/\\\n\s*/g, '');
    expect(run).toContain('-X POST');
    expect(run).toContain('--data-binary @lcov.info');
    expect(run).toContain("-H 'Content-Type: text/plain'");
    // Query values are encoded by curl, never spliced into the URL.
    expect(run).toContain(
      '--url-query "entity=$ENTITY" --url-query coverageType=lcov "$PORTICO_URL/api/code-coverage/report"',
    );
    const artifact = steps.find(s =>
      s.uses?.startsWith('actions/upload-artifact'),
    );
    expect(artifact?.with?.path).toBe('lcov.info');
  });

  it('uploads the SARIF of the repository scan and of the image scan, even when a scan fails', () => {
    const { jobs } = workflow(language);
    const categories: unknown[] = [];
    for (const name of ['scan', 'image']) {
      const job = jobs[name];
      expect(job.permissions?.['security-events']).toBe('write');
      const upload = job.steps.find(s =>
        s.uses?.startsWith('github/codeql-action/upload-sarif@'),
      )!;
      const producer = job.steps.find(
        s =>
          s.uses?.startsWith('aquasecurity/trivy-action@') &&
          s.with?.format === 'sarif',
      )!;
      expect(producer.with?.output).toBe(upload.with?.sarif_file);
      expect(job.steps.indexOf(producer)).toBeLessThan(
        job.steps.indexOf(upload),
      );
      expect(upload.if).toBe('always()');
      categories.push(upload.with?.category);
    }
    expect(categories).toEqual(['trivy-fs', 'trivy-image']);
    expect(jobs.scan.steps[1].with).toMatchObject({
      'scan-type': 'fs',
      scanners: 'vuln,misconfig,secret',
    });
  });

  it("pushes the commit's image, and the VERSION tag the GitOps manifests deploy once", () => {
    const job = workflow(language).jobs.image;
    expect(job.env?.IMAGE).toBe(`${job.env?.IMAGE_NAME}:\${{ github.sha }}`);
    const push = job.steps.find(s => s.run?.includes('docker push'))!;
    expect(push.if).toBe("github.ref == 'refs/heads/main'");
    expect(push.run).toContain(
      'docker manifest inspect "$IMAGE_NAME:$version"',
    );
    expect(readFileSync(join(dirs[language], 'VERSION'), 'utf8')).toBe(
      '0.1.0\n',
    );
  });

  it('catalog-info.yaml enables code coverage and names the GitHub repository', () => {
    const entity = YAML.parse(
      readFileSync(join(dirs[language], 'catalog-info.yaml'), 'utf8'),
    );
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/code-coverage': 'enabled',
      'github.com/project-slug': `payments/ledger-${language}`,
    });
  });
});

it("the Node stack's test script writes lcov.info (node --test's lcov reporter)", () => {
  const dir = dirs.node;
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  const tsc = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
    { cwd: dir, encoding: 'utf8' },
  );
  expect(tsc.status).toBe(0);
  const script: string = JSON.parse(
    readFileSync(join(dir, 'package.json'), 'utf8'),
  ).scripts.test;
  const test = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
  expect({ status: test.status, out: test.stdout + test.stderr }).toMatchObject(
    { status: 0 },
  );
  expect(existsSync(join(dir, 'lcov.info'))).toBe(true);
  const lcov = readFileSync(join(dir, 'lcov.info'), 'utf8');
  expect(lcov).toMatch(/^SF:.*server\.js$/m);
  expect(lcov).toMatch(/^LF:\d+$/m);
  expect(lcov.trim().endsWith('end_of_record')).toBe(true);
});

describe('SARIF', () => {
  const ajv = new Ajv04({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(
    readSpecJson('sarif', 'sarif-schema-2.1.0.json'),
  );

  it('a repository scan result like trivy writes is valid SARIF 2.1.0', () => {
    expect(validate(sampleSarif) ? [] : validate.errors).toEqual([]);
    // What GitHub code scanning needs to rank it: a rule with a security severity per result.
    const run = sampleSarif.runs[0];
    for (const result of run.results) {
      const rule = run.tool.driver.rules.find(r => r.id === result.ruleId);
      expect(Number(rule?.properties['security-severity'])).toBeGreaterThan(0);
    }
  });

  it('the schema refuses a wrong version, an unknown level and a result without a message', () => {
    const broken = structuredClone(sampleSarif) as any;
    broken.version = '2.0.0';
    expect(validate(broken)).toBe(false);
    const level = structuredClone(sampleSarif) as any;
    level.runs[0].results[0].level = 'severe';
    expect(validate(level)).toBe(false);
    const noMessage = structuredClone(sampleSarif) as any;
    delete noMessage.runs[0].results[1].message;
    expect(validate(noMessage)).toBe(false);
  });
});
