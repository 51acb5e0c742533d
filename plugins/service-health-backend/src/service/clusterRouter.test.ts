import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  type PlatformRoles,
  platformRolesServiceRef,
} from '@internal/plugin-portico-node';
import { componentEntity } from '@internal/plugin-portico-node/testUtils';
import type {
  BlastRadiusResponse,
  EntityCompliance,
  EntityVulnerabilities,
} from '@internal/plugin-service-health-common';
import request from 'supertest';
import { serviceHealthPlugin } from '../plugin';
import {
  deployment,
  policyReport,
  replicaSet,
  vulnerabilityReport,
} from '../testing/clusterObjects';
import { startFakeCluster, type FakeCluster } from '../testing/fakeCluster';
import { CLUSTER_TASK_ID } from './startClusterSource';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/** payments-api (payments-team) <- checkout (dependsOn); ledger has no workload. */
const entities: Entity[] = [
  {
    ...componentEntity('payments-api', {}, 'group:default/payments-team'),
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/payments-team' },
      { type: 'dependencyOf', targetRef: 'component:default/checkout' },
    ],
  },
  {
    ...componentEntity('checkout', {}, 'group:default/checkout-team'),
    relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout-team' }],
  },
  componentEntity('ledger', {}, 'group:default/payments-team'),
];

const role = (groups: string[], extra: Partial<PlatformRoles> = {}) => ({
  groups,
  isAdmin: false,
  isAuditor: false,
  ...extra,
});
const ROLES: Record<string, PlatformRoles> = {
  'user:default/bob': role(['group:default/payments-team']),
  'user:default/carol': role(['group:default/checkout-team']),
  'user:default/erin': role([], { isAuditor: true }),
};
const rolesFactory = createServiceFactory({
  service: platformRolesServiceRef,
  deps: {},
  factory: () => ({
    rolesOf: async (c: any) => ROLES[c.principal.userEntityRef] ?? role([]),
    isAdmin: async () => false,
    isAuditor: async (c: any) => !!ROLES[c.principal.userEntityRef]?.isAuditor,
  }),
});
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

describe.each(databases.eachSupportedId())('cluster source on %s', id => {
  let cluster: FakeCluster;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  const scheduler = mockServices.scheduler.mock();

  beforeAll(async () => {
    cluster = await startFakeCluster();
    cluster.put(deployment('payments', 'payments-api'));
    cluster.put(replicaSet('payments', 'payments-api', 'c0ffee', 2));
    cluster.put(
      vulnerabilityReport(
        'payments',
        'payments-api-c0ffee',
        'app',
        { repository: 'acme/payments-api', tag: '1.4.2' },
        [
          {
            id: 'CVE-2026-0001',
            severity: 'CRITICAL',
            pkg: 'openssl',
            installed: '3.0.11-1',
            fixed: '3.0.15-1',
          },
          {
            id: 'CVE-2026-0002',
            severity: 'HIGH',
            pkg: 'zlib',
            installed: '1.2.13',
          },
        ],
      ),
    );
    // Kyverno's reports: one about payments-api, one about another team's service in that namespace.
    const rootFailure = {
      policy: 'require-run-as-nonroot',
      rule: 'run-as-non-root',
      result: 'fail' as const,
      severity: 'high' as const,
      message: 'Running as root is not allowed.',
    };
    cluster.put(policyReport('payments', 'payments-api', [rootFailure]));
    cluster.put(
      policyReport('payments', 'someone-else', [
        { ...rootFailure, policy: 'disallow-host-path', rule: 'host-path' },
      ]),
    );
    const backend = await startTestBackend({
      features: [
        serviceHealthPlugin,
        scheduler.factory,
        catalogServiceMock.factory({ entities }),
        rolesFactory,
        mockServices.database.factory({ knex: await databases.init(id) }),
        mockServices.rootConfig.factory({
          data: {
            serviceHealth: {
              cluster: {
                url: cluster.url,
                token: cluster.token,
                skipTLSVerify: true,
              },
            },
            portico: {
              teamNamespaces: {
                source: 'static',
                static: {
                  'payments-team': ['payments'],
                  'checkout-team': ['checkout'],
                },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    const task = scheduler.scheduleTask.mock.calls[0][0];
    await task.fn(new AbortController().signal as any);
  });

  it('reads the cluster in one global task (one replica at a time)', () => {
    const tasks = scheduler.scheduleTask.mock.calls.map(c => c[0]);
    expect(tasks.map(t => [t.id, t.scope])).toEqual([
      [CLUSTER_TASK_ID, 'global'],
    ]);
  });
  afterAll(async () => {
    await stop();
    await cluster.stop();
  });

  const vulnerabilities = async (name: string, user: string) => {
    const res = await request(server)
      .get(
        `/api/service-health/entities/component/default/${name}/vulnerabilities`,
      )
      .set(as(user));
    expect(res.status).toBe(200);
    return res.body as EntityVulnerabilities;
  };

  it('gives the owning team and auditors the CVEs with their fix, everyone else the counts', async () => {
    const owner = await vulnerabilities('payments-api', 'user:default/bob');
    expect(owner.summary).toMatchObject({
      counts: { CRITICAL: 1, HIGH: 1 },
      fixable: 1,
      images: 1,
    });
    expect(owner.images?.[0].vulnerabilities[0]).toMatchObject({
      id: 'CVE-2026-0001',
      installedVersion: '3.0.11-1',
      fixedVersion: '3.0.15-1',
    });
    expect(
      (await vulnerabilities('payments-api', 'user:default/erin')).images,
    ).toHaveLength(1);
    const other = await vulnerabilities('payments-api', 'user:default/carol');
    expect(other).toMatchObject({ state: 'ok', detailsHidden: true });
    expect(other.summary?.counts.CRITICAL).toBe(1);
    expect(JSON.stringify(other)).not.toContain('CVE-2026-0001');
  });

  it('serves from the database: viewers cause no call to the cluster', async () => {
    const before = cluster.requests.length;
    for (let i = 0; i < 20; i++)
      await vulnerabilities('payments-api', 'user:default/carol');
    expect(cluster.requests.length).toBe(before);
  });

  it('says calmly why there is no data, and 400/404 for bad or unknown entities', async () => {
    expect(await vulnerabilities('ledger', 'user:default/bob')).toMatchObject({
      state: 'no-data',
      reason: 'no-workload',
    });
    expect(await vulnerabilities('checkout', 'user:default/bob')).toMatchObject(
      {
        state: 'no-data',
        reason: 'no-workload',
      },
    );
    const bad = await request(server)
      .get('/api/service-health/entities/component/default/-x/vulnerabilities')
      .set(as('user:default/bob'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('params.name');
    const missing = await request(server)
      .get(
        '/api/service-health/entities/component/default/nope/vulnerabilities',
      )
      .set(as('user:default/bob'));
    expect(missing.status).toBe(404);
  });

  it('keeps the last good findings when the cluster fails, with the error', async () => {
    cluster.setFailing(true);
    try {
      const task = scheduler.scheduleTask.mock.calls[0][0];
      await task.fn(new AbortController().signal as any);
    } finally {
      cluster.setFailing(false);
    }
    const body = await vulnerabilities('payments-api', 'user:default/bob');
    expect(body.state).toBe('ok');
    expect(body.summary?.counts.CRITICAL).toBe(1);
    expect(body.error).toMatch(/HTTP 500/);
    expect(JSON.stringify(body)).not.toContain(cluster.token);
  });

  it("scores payments-api's policy compliance from its objects and the reports about it", async () => {
    const compliance = async (user: string) => {
      const res = await request(server)
        .get(
          '/api/service-health/entities/component/default/payments-api/compliance',
        )
        .set(as(user));
      expect(res.status).toBe(200);
      return res.body as EntityCompliance;
    };
    const owner = await compliance('user:default/bob');
    expect(owner).toMatchObject({ state: 'ok' });
    expect(owner.score).toBeGreaterThanOrEqual(0);
    expect(owner.score).toBeLessThan(100);
    const byId = new Map(owner.checks!.map(c => [c.id, c]));
    // the fake Deployment sets no requests/limits and no probes
    expect(byId.get('portico:resources')).toMatchObject({ result: 'fail' });
    expect(byId.get('portico:resources')!.failures[0]).toMatchObject({
      kind: 'Deployment',
      name: 'payments-api',
    });
    expect(
      byId.get('policy-report:kyverno/require-run-as-nonroot/run-as-non-root'),
    ).toMatchObject({
      result: 'fail',
      severity: 'high',
    });
    // the other workload's report is not payments-api's
    expect(
      [...byId.keys()].some(key => key.includes('disallow-host-path')),
    ).toBe(false);

    const other = await compliance('user:default/carol');
    expect(other).toMatchObject({
      state: 'ok',
      score: owner.score,
      detailsHidden: true,
    });
    expect(other.checks!.every(c => c.failures.length === 0)).toBe(true);
    expect(other.checks!.find(c => c.id === 'portico:resources')?.result).toBe(
      'fail',
    );

    const none = await request(server)
      .get('/api/service-health/entities/component/default/ledger/compliance')
      .set(as('user:default/bob'));
    expect(none.body).toMatchObject({
      state: 'no-data',
      reason: 'no-workload',
    });
  });

  it("gives a catalog page's Vulnerabilities and Score columns in the one batch request", async () => {
    const res = await request(server)
      .post('/api/service-health/batch')
      .set(as('user:default/carol'))
      .send({
        entityRefs: [
          'component:default/payments-api',
          'component:default/ledger',
          'component:default/unknown',
        ],
      });
    expect(res.status).toBe(200);
    const { cluster: cells } = res.body;
    expect(cells['component:default/payments-api']).toMatchObject({
      state: 'ok',
      counts: { CRITICAL: 1, HIGH: 1, MEDIUM: 0 },
      fixable: 1,
    });
    expect(typeof cells['component:default/payments-api'].score).toBe('number');
    expect(cells['component:default/ledger']).toEqual({
      state: 'no-data',
      reason: 'no-workload',
    });
    expect(cells['component:default/unknown']).toEqual({
      state: 'no-data',
      reason: 'no-entity',
    });
    // counts only: no CVE in the list answer, whoever asks
    expect(JSON.stringify(res.body)).not.toContain('CVE-');
  });

  it('answers who breaks with payments-api: checkout, owned by the checkout team', async () => {
    const res = await request(server)
      .get(
        '/api/service-health/entities/component/default/payments-api/blast-radius',
      )
      .set(as('user:default/carol'));
    expect(res.status).toBe(200);
    const body = res.body as BlastRadiusResponse;
    expect(body).toMatchObject({
      entityRef: 'component:default/payments-api',
      count: 1,
      owners: [{ owner: 'group:default/checkout-team', count: 1 }],
      truncated: false,
    });
    expect(body.dependents[0]).toMatchObject({
      ref: 'component:default/checkout',
      title: 'checkout',
      depth: 1,
      via: { kind: 'dependsOn' },
    });
  });
});
