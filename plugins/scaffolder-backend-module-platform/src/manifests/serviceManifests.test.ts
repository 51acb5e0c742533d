import { UpstreamManifestValidator } from '@internal/deployment-checks/testUtils';
import { ConfigReader } from '@backstage/config';
import { parse } from 'yaml';
import { serviceInput } from '../actions/schemas/service';
import { readPlatformSettings } from '../config';
import { gitopsLayout } from './layout';
import { buildServiceManifests } from './serviceManifests';
import { SIZING } from './sizing';
import { toFiles } from './serialise';

const settings = readPlatformSettings(
  new ConfigReader({
    portico: {
      scaffolder: {
        gitops: { repoUrl: 'git.example.test?owner=platform&repo=gitops' },
        git: {
          provider: 'loopback',
          baseUrl: 'http://127.0.0.1:7008',
          loopback: { adminToken: 'x' },
        },
      },
    },
  }),
);
const layout = gitopsLayout(settings);
const validator = UpstreamManifestValidator.load();

const traffics = ['low', 'medium', 'high'] as const;
const storages = ['none', 'postgresql', 'object-storage'] as const;
const extras = [
  [],
  [
    {
      secretKey: 'STRIPE_API_KEY',
      remoteKey: 'teams/payments/stripe',
      property: 'api-key',
    },
  ],
];
const combos = traffics.flatMap(traffic =>
  storages.flatMap(storage =>
    extras.map(extraSecrets => ({ traffic, storage, extraSecrets })),
  ),
);

function build(overrides: object) {
  return buildServiceManifests(
    serviceInput.parse({
      name: 'payments',
      owner: 'group:default/team-a',
      ...overrides,
    }),
    settings,
    layout,
  );
}

describe('buildServiceManifests', () => {
  it.each(combos)(
    'every object validates against the upstream schemas: traffic=$traffic storage=$storage extras=$extraSecrets.length',
    ({ traffic, storage, extraSecrets }) => {
      const result = build({
        traffic,
        storage,
        extraSecrets,
        description: 'Takes payments',
      });
      const files = toFiles(result.files);
      expect(Object.keys(files).length).toBe(result.files.length);
      for (const [path, text] of Object.entries(files)) {
        const object = parse(text);
        const validation = validator.validate(object);
        expect({ path, errors: validation.errors }).toEqual({
          path,
          errors: [],
        });
      }
      const kinds = result.files.map(f => (f.object as any).kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'AppProject',
          'LimitRange',
          'ServiceAccount',
          'Namespace',
          'RoleBinding',
          'ResourceQuota',
          'NetworkPolicy',
          'Deployment',
          'Service',
          'HorizontalPodAutoscaler',
          'PodDisruptionBudget',
          'Application',
        ]),
      );
      const externalSecrets = kinds.filter(k => k === 'ExternalSecret').length;
      expect(externalSecrets).toBe(
        (storage === 'none' ? 0 : 1) + (extraSecrets.length ? 1 : 0),
      );
      expect(kinds.filter(k => k === 'NetworkPolicy').length).toBe(
        storage === 'none' ? 3 : 4,
      );
    },
  );

  it('wires the deployment to secrets by reference only, with probes on the health path', () => {
    const result = build({
      storage: 'postgresql',
      extraSecrets: [
        { secretKey: 'STRIPE_API_KEY', remoteKey: 'teams/payments/stripe' },
      ],
      healthPath: '/health',
    });
    const deployment = result.files.find(
      f => (f.object as any).kind === 'Deployment',
    )!.object as any;
    const container = deployment.spec.template.spec.containers[0];
    expect(container.envFrom).toEqual([
      { secretRef: { name: 'payments-postgres' } },
    ]);
    expect(container.env).toContainEqual({
      name: 'STRIPE_API_KEY',
      valueFrom: {
        secretKeyRef: { name: 'payments-secrets', key: 'STRIPE_API_KEY' },
      },
    });
    expect(container.env.filter((e: any) => e.value !== undefined)).toEqual([
      { name: 'PORT', value: '8080' },
    ]);
    // Replicas belong to the HPA (Argo CD self-heal would undo scale-ups of a fixed value).
    expect(deployment.spec.replicas).toBeUndefined();
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/health',
      port: 'http',
    });
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/health',
      port: 'http',
    });
    const rb = result.files.find(f => (f.object as any).kind === 'RoleBinding')!
      .object as any;
    expect(rb.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'team-a' },
    ]);
    expect(rb.roleRef.name).toBe('edit');
    const app = result.files.find(
      f => (f.object as any).kind === 'Application',
    )!;
    expect(app.path).toBe('argocd/applications/payments.yaml');
    expect((app.object as any).spec.source).toEqual({
      repoURL: 'http://127.0.0.1:7008/platform/gitops.git',
      targetRevision: 'main',
      path: 'apps/payments',
    });
    expect((app.object as any).spec.project).toBe('team-team-a');
    // Workload in the service directory; the namespace guard set in the namespace directory
    // (applied by the platform's Application); the team's AppProject.
    const areaOf = (p: string) => {
      if (p.startsWith('apps/payments/')) return 'service';
      if (p.startsWith('platform/namespaces/payments/')) return 'namespace';
      return p;
    };
    const areas = result.files.map(f => areaOf(f.path));
    expect(
      result.files
        .filter((_, i) => areas[i] === 'service')
        .map(f => (f.object as any).kind)
        .sort(),
    ).toEqual([
      'Deployment',
      'ExternalSecret',
      'ExternalSecret',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Service',
    ]);
    expect(
      [
        ...new Set(
          result.files
            .filter((_, i) => areas[i] === 'namespace')
            .map(f => (f.object as any).kind),
        ),
      ].sort(),
    ).toEqual([
      'LimitRange',
      'Namespace',
      'NetworkPolicy',
      'ResourceQuota',
      'RoleBinding',
      'ServiceAccount',
    ]);
    expect(
      areas.filter(a => a !== 'service' && a !== 'namespace').sort(),
    ).toEqual([
      'argocd/applications/payments.yaml',
      'argocd/projects/team-team-a.yaml',
    ]);
    // Every object carries the team label; the AppProject is the team's.
    for (const f of result.files) {
      expect({
        path: f.path,
        team: (f.object as any).metadata.labels['portico.io/team'],
      }).toEqual({
        path: f.path,
        team: 'team-a',
      });
    }
    const project = result.files.find(
      f => (f.object as any).kind === 'AppProject',
    )!.object as any;
    expect(project.metadata).toMatchObject({
      name: 'team-team-a',
      namespace: 'argocd',
    });
    expect(project.spec).toMatchObject({
      sourceRepos: ['http://127.0.0.1:7008/platform/gitops.git'],
      destinations: [
        { server: 'https://kubernetes.default.svc', namespace: 'payments' },
      ],
      clusterResourceWhitelist: [],
    });
    expect(
      project.spec.namespaceResourceWhitelist.map((k: any) => k.kind).sort(),
    ).toEqual([
      'Deployment',
      'ExternalSecret',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Service',
    ]);
    // Secret keys: forced under <remoteKeyPrefix>/<team>/<service>/.
    const keys = result.files
      .filter(f => (f.object as any).kind === 'ExternalSecret')
      .flatMap(f =>
        (f.object as any).spec.data.map((d: any) => d.remoteRef.key),
      );
    expect([...new Set(keys)].sort()).toEqual([
      'services/team-a/payments/postgres',
      'services/team-a/payments/teams/payments/stripe',
    ]);
  });

  it.each(traffics)(
    '%s traffic: a PodDisruptionBudget selects the HPA-scaled pods, and the image is pinned',
    traffic => {
      const { files } = build({ traffic });
      const of = (kind: string) =>
        files.find(f => (f.object as any).kind === kind)!.object as any;
      const pdb = files.find(
        f => (f.object as any).kind === 'PodDisruptionBudget',
      )!;
      expect(pdb.path).toBe('apps/payments/pdb.yaml');
      expect((pdb.object as any).spec).toEqual({
        maxUnavailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
      });
      const podLabels = of('Deployment').spec.template.metadata.labels;
      expect(podLabels).toMatchObject(
        (pdb.object as any).spec.selector.matchLabels,
      );
      expect(of('HorizontalPodAutoscaler').spec.maxReplicas).toBeGreaterThan(1);
      expect(of('Deployment').spec.template.spec.containers[0].image).toBe(
        'registry.local/portico/payments:0.1.0',
      );
    },
  );

  it.each(traffics)(
    'the %s quota fits the HPA maximum at the limits plus one surge pod',
    traffic => {
      const size = SIZING[traffic];
      const cpu = (v: string) =>
        v.endsWith('m') ? Number(v.slice(0, -1)) / 1000 : Number(v);
      const mem = (v: string) =>
        Number(v.slice(0, -2)) * (v.endsWith('Gi') ? 1024 : 1);
      const pods = size.maxReplicas + 1;
      expect(pods * cpu(size.limits.cpu)).toBeLessThanOrEqual(
        cpu(size.quota['limits.cpu']),
      );
      expect(pods * mem(size.limits.memory)).toBeLessThanOrEqual(
        mem(size.quota['limits.memory']),
      );
      expect(pods * cpu(size.requests.cpu)).toBeLessThanOrEqual(
        cpu(size.quota['requests.cpu']),
      );
      expect(pods).toBeLessThanOrEqual(Number(size.quota.pods));
      expect(size.minReplicas).toBeGreaterThanOrEqual(1);
      expect(size.minReplicas).toBeLessThanOrEqual(size.maxReplicas);
    },
  );

  it('the validator is not a rubber stamp for the AppProject either', () => {
    const project = build({}).files.find(
      f => (f.object as any).kind === 'AppProject',
    )!.object as any;
    expect(validator.validate(project)).toEqual({ valid: true, errors: [] });
    expect(
      validator.validate({
        ...project,
        spec: { ...project.spec, destinations: 'payments' },
      }).valid,
    ).toBe(false);
    expect(
      validator.validate({
        ...project,
        spec: { ...project.spec, clusterResourceWhitelists: [] },
      }).valid,
    ).toBe(false);
  });

  it('the validator is not a rubber stamp: a misspelt field and a wrong type fail', () => {
    const deployment = build({}).files.find(
      f => (f.object as any).kind === 'Deployment',
    )!.object as any;
    expect(
      validator.validate({
        ...deployment,
        spec: { ...deployment.spec, replicas: 'two' },
      }).valid,
    ).toBe(false);
    const es = build({ storage: 'postgresql' }).files.find(
      f => (f.object as any).kind === 'ExternalSecret',
    )!.object as any;
    expect(
      validator.validate({
        ...es,
        spec: { ...es.spec, secretStoreRef: { kind: 'Vault', name: 'x' } },
      }).valid,
    ).toBe(false);
  });
});
