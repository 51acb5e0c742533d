/*
 * The manifests the New service template generates pass every policy check of the service-health
 * plugin (@internal/plugin-service-health-node) from their first commit: the template is run as a
 * dry run through the real scaffolder for every traffic level x storage x extra-secrets input it
 * offers (the language, which the manifests do not depend on, cycles through the stacks), and the
 * checks run over the objects its "Manifests" output shows.
 */
import { UpstreamManifestValidator } from '@internal/deployment-checks/testUtils';
import {
  complianceScore,
  runPolicyChecks,
  serviceObjectsOf,
} from '@internal/plugin-service-health-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { templatesDir } from './paths';
import { LANGUAGES } from './renderSkeleton';
import {
  startTemplateHarness,
  TemplateHarness,
} from './testing/scaffolderHarness';

jest.setTimeout(180_000);

const BOB = 'user:default/bob'; // payments-team

let h: TemplateHarness;

beforeAll(async () => {
  h = await startTemplateHarness();
  await h.waitForEntity(BOB, 'template:default/new-service');
}, 180_000);

afterAll(async () => {
  await h?.stop();
});

const TRAFFIC = ['low', 'medium', 'high'] as const;
const STORAGE = ['none', 'postgresql', 'object-storage'] as const;
const EXTRA_SECRETS = [
  [],
  [{ secretKey: 'STRIPE_API_KEY', remoteKey: 'stripe', property: 'api-key' }],
];
const MATRIX = TRAFFIC.flatMap(traffic =>
  STORAGE.flatMap(storage =>
    EXTRA_SECRETS.map(extraSecrets => ({ traffic, storage, extraSecrets })),
  ),
).map((input, i) => ({
  ...input,
  language: LANGUAGES[i % LANGUAGES.length],
  secrets: input.extraSecrets.length,
}));

/** The YAML documents shown in the "Manifests" text output (one fenced block per file). */
function manifestsShown(output: Record<string, any> | undefined): unknown[] {
  const text =
    (output?.text ?? []).find((t: any) => t.title === 'Manifests')?.content ??
    '';
  return [...String(text).matchAll(/```yaml\n([\s\S]*?)```/g)].map(m =>
    YAML.parse(m[1]),
  );
}

describe('New service manifests pass every policy check', () => {
  it.each(MATRIX)(
    'traffic=$traffic storage=$storage extra secrets=$secrets ($language)',
    async ({ traffic, storage, extraSecrets, language }) => {
      const name = `policy-${traffic}-${storage}-${extraSecrets.length}`;
      const res = await h.dryRun(BOB, 'new-service', {
        name,
        owner: 'group:default/payments-team',
        description: 'Policy check of the generated manifests',
        language,
        traffic,
        storage,
        extraSecrets,
        repoOwner: 'payments',
        repoHost: h.gitHost,
      });
      expect(res.status).toBe(200);
      const objects = manifestsShown(res.body.output);
      const kinds = objects.map((o: any) => o.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['Deployment', 'HorizontalPodAutoscaler']),
      );

      const results = runPolicyChecks(serviceObjectsOf(objects));
      const usesSecrets = storage !== 'none' || extraSecrets.length > 0;
      expect(
        results.map(r => ({
          id: r.id,
          result: r.result,
          failures: r.failures,
        })),
      ).toEqual(
        results.map(r => ({
          id: r.id,
          // Without storage or extra secrets no Secret is used: nothing to judge.
          result:
            r.id === 'portico:secrets-external' && !usesSecrets
              ? 'not-applicable'
              : 'pass',
          failures: [],
        })),
      );
      expect(complianceScore(results).score).toBe(100);
      // The tag the new repository's pipeline pushes from its first build (its VERSION file).
      const version = readFileSync(
        join(templatesDir, 'new-service/skeletons/common/VERSION'),
        'utf8',
      ).trim();
      const deployment: any = objects.find((o: any) => o.kind === 'Deployment');
      expect(deployment.spec.template.spec.containers[0].image).toBe(
        `registry.local/portico/${name}:${version}`,
      );
    },
  );

  it('the checks would catch the manifests of before (an HPA-scaled Deployment without a budget, image :latest)', async () => {
    const res = await h.dryRun(BOB, 'new-service', {
      name: 'policy-before',
      owner: 'group:default/payments-team',
      description: 'Policy check of the generated manifests',
      language: 'go',
      traffic: 'medium',
      storage: 'postgresql',
      extraSecrets: [],
      repoOwner: 'payments',
      repoHost: h.gitHost,
    });
    const objects = manifestsShown(res.body.output).filter(
      (o: any) => o.kind !== 'PodDisruptionBudget',
    ) as any[];
    const deployment = objects.find(o => o.kind === 'Deployment');
    deployment.spec.template.spec.containers[0].image =
      'registry.local/portico/policy-before:latest';
    // Still valid Kubernetes: only the policy checks refuse it.
    const validator = UpstreamManifestValidator.load();
    expect(validator.validate(deployment).errors).toEqual([]);
    const failed = runPolicyChecks(serviceObjectsOf(objects)).filter(
      r => r.result === 'fail',
    );
    expect(
      failed.map(r => [r.id, r.failures.map(f => `${f.kind}/${f.name}`)]),
    ).toEqual([
      ['portico:image-pinned', ['Deployment/policy-before']],
      ['portico:pod-disruption-budget', ['Deployment/policy-before']],
    ]);
  });
});
