/*
 * deploy/: the Kubernetes manifests of the portal. Every object must validate
 * against the Kubernetes 1.35 OpenAPI schema of its kind (or the External Secrets
 * CRD), and the Deployment must agree with app-config.production.yaml.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CrdSchemaValidator,
  KubernetesSchemaValidator,
  envReferences,
  getPath,
  gvkOf,
  readYaml,
  readYamlDocuments,
  repoPath,
  specsDir,
} from './testing/checks';

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  [key: string]: any;
};

// Building the schema validators (several MB of OpenAPI) can be slow on a busy machine.
jest.setTimeout(60_000);

const deployDir = repoPath('deploy');
const kustomization = readYaml<any>(path.join(deployDir, 'kustomization.yaml'));
const resources: string[] = kustomization.resources ?? [];
const baseConfig = readYaml<any>(repoPath('app-config.yaml'));
const productionConfig = readYaml<any>(repoPath('app-config.production.yaml'));

function loadObjects(): Array<{ file: string; object: K8sObject }> {
  return resources.flatMap(file =>
    readYamlDocuments<K8sObject>(path.join(deployDir, file)).map(object => ({
      file,
      object,
    })),
  );
}
const objects = () => loadObjects().map(o => o.object);
const ofKind = (kind: string) => objects().filter(o => o.kind === kind);
const one = (kind: string) => {
  const list = ofKind(kind);
  expect(list.map(o => o.metadata.name)).toHaveLength(1);
  return list[0];
};

/** Variables the backend may receive besides those of the app config. */
const RUNTIME_ENV = new Set(['NODE_ENV', 'NODE_OPTIONS', 'LOG_LEVEL']);

function labelsMatch(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) {
  return (
    !!selector &&
    Object.keys(selector).length > 0 &&
    Object.entries(selector).every(([k, v]) => labels?.[k] === v)
  );
}

function containerPort(
  container: any,
  port: number | string,
): number | undefined {
  if (typeof port === 'number') {
    return port;
  }
  return container.ports?.find((p: any) => p.name === port)?.containerPort;
}

describe('deploy/kustomization.yaml', () => {
  it('lists existing manifests, and every manifest in deploy/', () => {
    expect(kustomization.kind).toBe('Kustomization');
    expect(resources.length).toBeGreaterThan(0);
    const missing = resources.filter(
      file => !fs.existsSync(path.join(deployDir, file)),
    );
    expect(missing).toEqual([]);
    const unlisted = fs
      .readdirSync(deployDir)
      .filter(
        f =>
          /\.ya?ml$/.test(f) &&
          f !== 'kustomization.yaml' &&
          !resources.includes(f),
      );
    expect(unlisted).toEqual([]);
  });

  it('puts every namespaced object into the portico namespace', () => {
    expect(kustomization.namespace).toBe('portico');
    expect(one('Namespace').metadata.name).toBe('portico');
    const clusterScoped = new Set([
      'Namespace',
      'ClusterRole',
      'ClusterRoleBinding',
    ]);
    const wrong = objects()
      .filter(o => !clusterScoped.has(o.kind))
      .filter(o => o.metadata.namespace !== 'portico')
      .map(o => `${o.kind}/${o.metadata.name}`);
    expect(wrong).toEqual([]);
  });
});

describe('deploy/ objects against the upstream schemas', () => {
  let kubernetes: KubernetesSchemaValidator;
  let crds: CrdSchemaValidator;
  beforeAll(() => {
    kubernetes = KubernetesSchemaValidator.fromDirectory(
      path.join(specsDir, 'kubernetes'),
    );
    const esoDir = path.join(specsDir, 'external-secrets');
    crds = CrdSchemaValidator.fromFiles(
      fs
        .readdirSync(esoDir)
        .filter(f => f.endsWith('.yaml'))
        .map(f => path.join(esoDir, f)),
    );
  });

  it('validates every object against the Kubernetes 1.35 OpenAPI schema or its CRD', () => {
    const failures: string[] = [];
    for (const { file, object } of loadObjects()) {
      const gvk = gvkOf(object);
      let validator: KubernetesSchemaValidator | CrdSchemaValidator | undefined;
      if (kubernetes.hasKind(gvk)) {
        validator = kubernetes;
      } else if (crds.hasKind(gvk)) {
        validator = crds;
      }
      const where = `${file}: ${object.kind}/${object.metadata?.name}`;
      if (!validator) {
        failures.push(
          `${where}: no schema for ${object.apiVersion} ${object.kind}`,
        );
        continue;
      }
      const result = validator.validate(object);
      failures.push(...result.errors.map(e => `${where}: ${e}`));
    }
    expect(failures).toEqual([]);
  });

  it('gets Secrets only through an ExternalSecret (external-secrets.io/v1)', () => {
    expect(ofKind('Secret')).toEqual([]);
    const externalSecret = one('ExternalSecret');
    expect(externalSecret.apiVersion).toBe('external-secrets.io/v1');
    expect(externalSecret.spec.secretStoreRef.kind).toBe('ClusterSecretStore');
    expect(crds.validate(externalSecret)).toEqual({ valid: true, errors: [] });
  });
});

describe('deploy/deployment.yaml', () => {
  const deployment = () => one('Deployment');
  const podSpec = () => deployment().spec.template.spec;
  const containers = (): any[] => [
    ...(podSpec().initContainers ?? []),
    ...podSpec().containers,
  ];
  const portal = () => podSpec().containers[0];

  it('leaves the replica count to the HPA (at least two) and runs the portico image', () => {
    // A `replicas` in Git would reset the HPA's count on every sync.
    expect(deployment().spec.replicas).toBeUndefined();
    expect(one('HorizontalPodAutoscaler').spec.minReplicas).toBe(2);
    // No registry host in the repository: set it with kustomize `images:`.
    expect(portal().image.split(':')[0]).toBe('portico');
  });

  it('has readiness and liveness probes on the Backstage health endpoints', () => {
    const port = String(getPath(productionConfig, 'backend.listen')).replace(
      /^.*:/,
      '',
    );
    for (const container of podSpec().containers) {
      const readiness = container.readinessProbe?.httpGet;
      const liveness = container.livenessProbe?.httpGet;
      expect(readiness?.path).toBe('/.backstage/health/v1/readiness');
      expect(liveness?.path).toBe('/.backstage/health/v1/liveness');
      expect(String(containerPort(container, readiness.port))).toBe(port);
      expect(String(containerPort(container, liveness.port))).toBe(port);
    }
  });

  it('sets CPU and memory requests and limits on every container', () => {
    const missing: string[] = [];
    for (const c of containers()) {
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[resource] === undefined) {
            missing.push(`${c.name}.resources.${kind}.${resource}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('runs as non-root with a read-only root filesystem and writable scratch dirs', () => {
    const pod = podSpec().securityContext ?? {};
    const publishDir = String(
      getPath(productionConfig, 'techdocs.publisher.local.publishDirectory') ??
        getPath(baseConfig, 'techdocs.publisher.local.publishDirectory'),
    );
    const problems: string[] = [];
    for (const c of containers()) {
      const sc = c.securityContext ?? {};
      if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true)
        problems.push(`${c.name}: runAsNonRoot`);
      // runAsNonRoot needs a numeric uid when the image names its user (USER node).
      if (!((sc.runAsUser ?? pod.runAsUser) > 0))
        problems.push(`${c.name}: runAsUser > 0`);
      if (sc.allowPrivilegeEscalation !== false)
        problems.push(`${c.name}: allowPrivilegeEscalation`);
      if (!sc.capabilities?.drop?.includes('ALL'))
        problems.push(`${c.name}: capabilities.drop ALL`);
      if (sc.readOnlyRootFilesystem !== true)
        problems.push(`${c.name}: readOnlyRootFilesystem`);
      // With a read-only root filesystem, /tmp (mkdocs, scaffolder) and the TechDocs
      // publish directory must be writable volumes.
      const mounts = new Map<string, string>(
        (c.volumeMounts ?? []).map((m: any) => [m.mountPath, m.name]),
      );
      // The publish directory only matters when TechDocs are published locally.
      const publisherType =
        getPath(productionConfig, 'techdocs.publisher.type') ??
        getPath(baseConfig, 'techdocs.publisher.type');
      const dirs = publisherType === 'local' ? ['/tmp', publishDir] : ['/tmp'];
      for (const dir of dirs) {
        const volume = podSpec().volumes?.find(
          (v: any) => v.name === mounts.get(dir),
        );
        if (!volume?.emptyDir)
          problems.push(`${c.name}: no emptyDir mounted at ${dir}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('receives exactly the variables app-config.production.yaml uses', () => {
    const configMaps = new Map(
      ofKind('ConfigMap').map(c => [c.metadata.name, c]),
    );
    const secretKeysByName = new Map(
      ofKind('ExternalSecret').map(e => [
        e.spec.target?.name ?? e.metadata.name,
        (e.spec.data ?? []).map((d: any) => d.secretKey) as string[],
      ]),
    );
    const provided: string[] = [];
    const unresolved: string[] = [];
    for (const container of podSpec().containers) {
      provided.push(...(container.env ?? []).map((e: any) => e.name));
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef) {
          const cm = configMaps.get(source.configMapRef.name);
          if (!cm) {
            unresolved.push(`ConfigMap ${source.configMapRef.name}`);
          } else {
            provided.push(...Object.keys(cm.data ?? {}));
          }
        }
        if (source.secretRef) {
          const keys = secretKeysByName.get(source.secretRef.name);
          if (!keys) {
            unresolved.push(
              `Secret ${source.secretRef.name} (no ExternalSecret targets it)`,
            );
          } else {
            provided.push(...keys);
          }
        }
      }
    }
    expect(unresolved).toEqual([]);
    const expected = envReferences(productionConfig);
    const providedSet = new Set(provided);
    expect(expected.filter(v => !providedSet.has(v))).toEqual([]);
    expect(
      [...providedSet].filter(
        v => !expected.includes(v) && !RUNTIME_ENV.has(v),
      ),
    ).toEqual([]);
    expect(provided.length).toBe(providedSet.size); // no variable defined twice
    const nodeEnv = (portal().env ?? []).find(
      (e: any) => e.name === 'NODE_ENV',
    );
    expect(nodeEnv === undefined || nodeEnv.value === 'production').toBe(true);
  });

  it('keeps the database settings in the ExternalSecret', () => {
    const keys = one('ExternalSecret').spec.data.map((d: any) => d.secretKey);
    for (const name of envReferences(productionConfig).filter(v =>
      v.startsWith('POSTGRES_'),
    )) {
      expect(keys).toContain(name);
    }
  });
});

describe('deploy/ Service, PodDisruptionBudget and NetworkPolicy (RBAC: deployRbac.test.ts)', () => {
  const deployment = () => one('Deployment');
  const podLabels = () => deployment().spec.template.metadata.labels;

  it('has a Service, a PodDisruptionBudget and a NetworkPolicy that select the portal pods', () => {
    const portal = deployment().spec.template.spec.containers[0];
    const service = one('Service');
    expect(labelsMatch(service.spec.selector, podLabels())).toBe(true);
    for (const port of service.spec.ports) {
      expect(containerPort(portal, port.targetPort ?? port.port)).toBe(7007);
    }
    const pdb = one('PodDisruptionBudget');
    expect(labelsMatch(pdb.spec.selector.matchLabels, podLabels())).toBe(true);
    // One pod may be evicted at a time, and one always serves (the HPA keeps at least two).
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.minAvailable).toBeUndefined();
    expect(one('HorizontalPodAutoscaler').spec.minReplicas).toBeGreaterThan(
      pdb.spec.maxUnavailable,
    );
    const policy = one('NetworkPolicy');
    expect(labelsMatch(policy.spec.podSelector.matchLabels, podLabels())).toBe(
      true,
    );
    expect(policy.spec.policyTypes).toEqual(
      expect.arrayContaining(['Ingress', 'Egress']),
    );
    const ingressPorts = policy.spec.ingress
      .flatMap((r: any) => r.ports ?? [])
      .map((p: any) => containerPort(portal, p.port));
    expect(ingressPorts).toContain(7007);
    const egressPorts = policy.spec.egress
      .flatMap((r: any) => r.ports ?? [])
      .map((p: any) => p.port);
    expect(egressPorts).toEqual(expect.arrayContaining([53, 5432, 443]));
  });
});
