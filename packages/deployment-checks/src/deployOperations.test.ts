/*
 * deploy/ as production operates it (issue 17): the HPA and the PodDisruptionBudget agree, the
 * pods spread over nodes and zones, the probes and the termination timings fit
 * app-config.production.yaml, the Ingress serves the host of PORTICO_BASE_URL over TLS through
 * the controller the NetworkPolicy admits, the database pools fit the server, and the portal's
 * own Argo CD Application (validated against the Argo CD CRDs in specs/) deploys deploy/.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CrdSchemaValidator,
  getPath,
  readText,
  readYaml,
  readYamlDocuments,
  repoPath,
} from './testing/checks';
import { ARGOCD_CRD_FILES } from './testing/upstreamSchemas';
import { applyReplacements, seconds } from './testing/kustomize';

jest.setTimeout(60_000);

const deployDir = repoPath('deploy');
const kustomization = readYaml<any>(path.join(deployDir, 'kustomization.yaml'));
const production = readYaml<any>(repoPath('app-config.production.yaml'));
const objects = (): any[] =>
  (kustomization.resources as string[]).flatMap(f =>
    readYamlDocuments<any>(path.join(deployDir, f)),
  );
const one = (list: any[], kind: string) => {
  const found = list.filter(o => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('deploy/ HPA, PodDisruptionBudget and topology spread', () => {
  const all = objects();
  const deployment = one(all, 'Deployment');
  const podLabels = deployment.spec.template.metadata.labels;
  const hpa = one(all, 'HorizontalPodAutoscaler');
  const pdb = one(all, 'PodDisruptionBudget');

  it('scales the portal Deployment on CPU, never below what the PDB needs to let a drain proceed', () => {
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    // One pod may be evicted (maxUnavailable) while at least one keeps serving.
    expect(
      hpa.spec.minReplicas - pdb.spec.maxUnavailable,
    ).toBeGreaterThanOrEqual(1);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    const cpu = hpa.spec.metrics.find((m: any) => m.resource?.name === 'cpu');
    expect(cpu.resource.target.type).toBe('Utilization');
    // Utilization is relative to the request: every container must request CPU.
    for (const c of deployment.spec.template.spec.containers) {
      expect(c.resources.requests.cpu).toBeDefined();
    }
    // First install: the Deployment's single pod migrates the empty database before the HPA
    // exists (Argo CD applies wave 1 once wave 0 is healthy).
    const wave = (o: any) =>
      Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
    expect(wave(hpa)).toBeGreaterThan(wave(deployment));
    // With kubectl: `kubectl apply -k deploy/ -l 'app.kubernetes.io/component!=autoscaler'`
    // first (a `!=` selector also matches objects without the label) leaves out only the HPA.
    const left = all.filter(
      o => o.metadata.labels?.['app.kubernetes.io/component'] !== 'autoscaler',
    );
    expect(all.filter(o => !left.includes(o))).toEqual([hpa]);
    expect(
      hpa.spec.behavior.scaleDown.stabilizationWindowSeconds,
    ).toBeGreaterThanOrEqual(300);
  });

  it('spreads the pods over nodes (hard) and zones (soft), counting only the portal pods of one revision', () => {
    const spread = deployment.spec.template.spec.topologySpreadConstraints;
    const byKey = new Map<string, any>(
      spread.map((c: any) => [c.topologyKey, c]),
    );
    expect(byKey.get('kubernetes.io/hostname')?.whenUnsatisfiable).toBe(
      'DoNotSchedule',
    );
    expect(byKey.get('topology.kubernetes.io/zone')?.whenUnsatisfiable).toBe(
      'ScheduleAnyway',
    );
    for (const c of spread) {
      expect(c.maxSkew).toBe(1);
      expect(c.labelSelector.matchLabels).toEqual(podLabels);
      expect(c.matchLabelKeys).toEqual(['pod-template-hash']);
    }
  });
});

describe('deploy/ probes and graceful termination against app-config.production.yaml', () => {
  const deployment = one(objects(), 'Deployment');
  const pod = deployment.spec.template.spec;
  const portal = pod.containers[0];
  const delay = seconds(
    getPath(production, 'backend.lifecycle.serverShutdownDelay'),
  );
  /** The longest request: every upstream a request waits for is bounded (defaults of config.d.ts). */
  const longestRequest = Math.max(
    Number(getPath(production, 'observability.grafana.timeout') ?? 20),
    Number(getPath(production, 'observability.prometheus.timeout') ?? 10),
    Number(getPath(production, 'observability.loki.timeout') ?? 10),
  );

  it('gates start-up and traffic on readiness, restarts only on liveness', () => {
    expect(portal.startupProbe.httpGet.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(portal.readinessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(portal.livenessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/liveness',
    );
    // A start (migrations) may take minutes before liveness counts.
    const startup = portal.startupProbe;
    expect(
      startup.periodSeconds * startup.failureThreshold,
    ).toBeGreaterThanOrEqual(120);
    // Liveness must not restart a pod sooner than readiness takes it out.
    const live = portal.livenessProbe;
    const ready = portal.readinessProbe;
    expect(live.periodSeconds * live.failureThreshold).toBeGreaterThan(
      ready.periodSeconds * ready.failureThreshold,
    );
  });

  it('keeps serving after SIGTERM until readiness has failed and the longest request has finished', () => {
    const ready = portal.readinessProbe;
    const unreadyAfter = ready.periodSeconds * ready.failureThreshold;
    expect(longestRequest).toBe(20);
    expect(delay).toBeGreaterThanOrEqual(unreadyAfter + longestRequest);
    // No preStop sleep: it would delay SIGTERM while readiness still answers 200.
    expect(portal.lifecycle?.preStop).toBeUndefined();
  });

  it('gives the shutdown (delay + audit flush + closing) a grace period with room to spare', () => {
    const auditFlush =
      Number(getPath(production, 'audit.writer.shutdownTimeoutMs') ?? 5000) /
      1000;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
      delay + auditFlush + 10,
    );
  });
});

describe('deploy/ Ingress with TLS, and the NetworkPolicy behind it', () => {
  const all = objects();
  const ingress = one(all, 'Ingress');
  const service = one(all, 'Service');
  const policy = one(all, 'NetworkPolicy');
  const config = one(all, 'ConfigMap');

  it('serves every rule host over TLS to the portal Service', () => {
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    const tlsHosts = ingress.spec.tls.flatMap((t: any) => t.hosts);
    expect(ingress.spec.tls.every((t: any) => t.secretName)).toBe(true);
    for (const rule of ingress.spec.rules) {
      expect(tlsHosts).toContain(rule.host);
      for (const p of rule.http.paths) {
        expect(p.backend.service.name).toBe(service.metadata.name);
        expect(service.spec.ports.map((sp: any) => sp.name)).toContain(
          p.backend.service.port.name,
        );
      }
    }
    expect(
      ingress.metadata.annotations['nginx.ingress.kubernetes.io/ssl-redirect'],
    ).toBe('true');
  });

  it('takes its host from PORTICO_BASE_URL through the kustomization replacement', () => {
    const rendered = (baseUrl: string) => {
      const objs = objects().map(o =>
        o.kind === 'ConfigMap'
          ? { ...o, data: { ...o.data, PORTICO_BASE_URL: baseUrl } }
          : o,
      );
      const ing = one(
        applyReplacements(objs, kustomization.replacements),
        'Ingress',
      );
      return [ing.spec.rules[0].host, ...ing.spec.tls[0].hosts];
    };
    const shipped = new URL(config.data.PORTICO_BASE_URL).host;
    expect(rendered(config.data.PORTICO_BASE_URL)).toEqual([shipped, shipped]);
    expect(rendered('https://portal.other.example.org')).toEqual([
      'portal.other.example.org',
      'portal.other.example.org',
    ]);
  });

  it('admits the ingress controller of the Ingress class on the Service target port, and little else', () => {
    expect(ingress.spec.ingressClassName).toBe('nginx');
    const target = service.spec.ports[0].targetPort;
    const deployment = one(all, 'Deployment');
    const port = deployment.spec.template.spec.containers[0].ports.find(
      (p: any) => p.name === target,
    ).containerPort;
    const fromController = policy.spec.ingress.find((r: any) =>
      r.from.some(
        (f: any) =>
          f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ===
          'ingress-nginx',
      ),
    );
    expect(
      fromController.from[0].podSelector.matchLabels['app.kubernetes.io/name'],
    ).toBe('ingress-nginx');
    expect(fromController.ports).toEqual([{ protocol: 'TCP', port }]);
    // Every ingress rule names its peers: no rule admits the whole cluster.
    expect(
      policy.spec.ingress.every((r: any) => (r.from ?? []).length > 0),
    ).toBe(true);
  });
});

describe('app-config.production.yaml database pools against the PostgreSQL server', () => {
  const doc = readText(repoPath('docs/production.md'));
  const pool = getPath(production, 'backend.database.knexConfig.pool') as any;
  const catalogPool = getPath(
    production,
    'backend.database.plugin.catalog.knexConfig.pool',
  ) as any;
  const maxReplicas = one(objects(), 'HorizontalPodAutoscaler').spec
    .maxReplicas;
  const stated = (name: string) => {
    const m = doc.match(new RegExp(`${name}: \\*\\*(\\d+)\\*\\*`));
    if (!m) throw new Error(`docs/production.md states no "${name}: **N**"`);
    return Number(m[1]);
  };

  it('keeps every pool small and empty when idle', () => {
    expect(pool.min).toBe(0);
    expect(pool.max).toBeLessThanOrEqual(5);
    expect(catalogPool.max).toBeGreaterThanOrEqual(pool.max);
    expect(pool.acquireTimeoutMillis).toBeLessThanOrEqual(30_000);
  });

  it('fits max replicas x (plugin databases x pool + admin) under the max_connections docs/production.md states', () => {
    const databases = stated('plugin databases');
    const adminPerReplica = 2; // backend-defaults' PgConnector: database + schema admin pools, max 1 each
    const perReplica =
      (databases - 1) * pool.max + catalogPool.max + adminPerReplica;
    expect(stated('connections per replica at most')).toBe(perReplica);
    expect(maxReplicas * perReplica).toBeLessThanOrEqual(
      stated('max_connections at least'),
    );
  });
});

describe('deploy/argocd: the portal deployed the GitOps way', () => {
  const dir = path.join(deployDir, 'argocd');
  const own = readYaml<any>(path.join(dir, 'kustomization.yaml'));
  const docs = (own.resources as string[]).flatMap(f =>
    readYamlDocuments<any>(path.join(dir, f)),
  );
  const app = one(docs, 'Application');
  const project = one(docs, 'AppProject');
  let crds: CrdSchemaValidator;
  beforeAll(() => {
    crds = CrdSchemaValidator.fromFiles(ARGOCD_CRD_FILES);
  });

  it('lists every manifest of deploy/argocd and validates against the Argo CD CRDs', () => {
    const files = fs
      .readdirSync(dir)
      .filter(f => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
    expect([...own.resources].sort()).toEqual(files.sort());
    for (const object of docs) {
      expect([object.kind, crds.validate(object).errors]).toEqual([
        object.kind,
        [],
      ]);
    }
    // The validator is strict: a misspelt field fails.
    const typo = {
      ...app,
      spec: { ...app.spec, syncPolicy: { automatic: {} } },
    };
    expect(crds.validate(typo).valid).toBe(false);
  });

  it('syncs deploy/ into its namespace, in its own project, automated and self-healing', () => {
    expect(app.spec.project).toBe(project.metadata.name);
    expect(app.metadata.namespace).toBe(project.metadata.namespace);
    expect(app.spec.source.path).toBe('deploy');
    expect(
      fs.existsSync(repoPath(app.spec.source.path, 'kustomization.yaml')),
    ).toBe(true);
    expect(app.spec.destination.namespace).toBe(kustomization.namespace);
    expect(project.spec.sourceRepos).toContain(app.spec.source.repoURL);
    expect(project.spec.destinations).toContainEqual(app.spec.destination);
    expect(app.spec.syncPolicy.automated).toEqual({
      prune: true,
      selfHeal: true,
    });
    // The HPA owns the replica count.
    expect(app.spec.ignoreDifferences).toContainEqual(
      expect.objectContaining({
        kind: 'Deployment',
        jsonPointers: ['/spec/replicas'],
      }),
    );
  });

  it('lets the project deploy exactly the kinds of deploy/, cluster-scoped ones as such', () => {
    const clusterScoped = new Set([
      'Namespace',
      'ClusterRole',
      'ClusterRoleBinding',
    ]);
    const group = (o: any) =>
      o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
    const kinds = (cluster: boolean) => [
      ...new Set(
        objects()
          .filter(o => clusterScoped.has(o.kind) === cluster)
          .map(o => `${group(o)}/${o.kind}`),
      ),
    ];
    const listed = (l: any[]) => l.map(e => `${e.group}/${e.kind}`).sort();
    expect(listed(project.spec.clusterResourceWhitelist)).toEqual(
      kinds(true).sort(),
    );
    expect(listed(project.spec.namespaceResourceWhitelist)).toEqual(
      kinds(false).sort(),
    );
  });
});
