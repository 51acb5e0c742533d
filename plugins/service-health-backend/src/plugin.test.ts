import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  PlatformRoles,
  platformRolesServiceRef,
} from '@internal/plugin-portico-node';
import { componentEntity } from '@internal/plugin-portico-node/testUtils';
import type {
  BatchResponse,
  CodeResponse,
} from '@internal/plugin-service-health-common';
import request from 'supertest';
import { serviceHealthPlugin } from './plugin';
import { GITHUB_TASK_ID } from './service/startGithubSource';
import { FakeGithub } from './testing/FakeGithub';
import { fakeRepository } from './testing/fakeRepos';
import { assertGithubShape } from './testing/githubOpenApi';

jest.setTimeout(60_000);

const SERVICES = 25;
const entities = [
  ...Array.from({ length: SERVICES }, (_, i) =>
    componentEntity(
      `svc-${i}`,
      { 'github.com/project-slug': `acme/svc-${i}` },
      i % 2 ? 'group:default/team-b' : 'group:default/team-a',
    ),
  ),
  componentEntity('plain', {}),
  componentEntity('outsider', { 'github.com/project-slug': 'evil-corp/x' }),
];

const ROLES: Record<string, PlatformRoles> = {
  'user:default/alice': {
    userEntityRef: 'user:default/alice',
    groups: ['group:default/team-a'],
    isAdmin: false,
    isAuditor: false,
  },
  'user:default/bob': {
    userEntityRef: 'user:default/bob',
    groups: ['group:default/team-b'],
    isAdmin: false,
    isAuditor: false,
  },
  'user:default/root': {
    userEntityRef: 'user:default/root',
    groups: [],
    isAdmin: true,
    isAuditor: false,
  },
};
const rolesFactory = createServiceFactory({
  service: platformRolesServiceRef,
  deps: {},
  factory: () => ({
    rolesOf: async (c: any) =>
      ROLES[c.principal.userEntityRef] ?? {
        groups: [],
        isAdmin: false,
        isAuditor: false,
      },
    isAdmin: async (c: any) => !!ROLES[c.principal.userEntityRef]?.isAdmin,
    isAuditor: async () => false,
  }),
});

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

describe('service-health backend', () => {
  let fake: FakeGithub;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  const scheduler = mockServices.scheduler.mock();
  const catalog = catalogServiceMock.mock({});
  const real = catalogServiceMock({ entities });

  beforeAll(async () => {
    fake = await FakeGithub.start({
      tokens: ['t'],
      repos: Array.from({ length: SERVICES }, (_, i) =>
        fakeRepository({
          owner: 'acme',
          repo: `svc-${i}`,
          failing: i === 0,
          alerts: { critical: i % 3, high: 1 },
        }),
      ),
      validate: assertGithubShape,
    });
    catalog.getEntities.mockImplementation((...a) => real.getEntities(...a));
    catalog.getEntityByRef.mockImplementation((...a) =>
      real.getEntityByRef(...a),
    );
    catalog.getEntitiesByRefs.mockImplementation((...a) =>
      real.getEntitiesByRefs(...a),
    );
    const backend = await startTestBackend({
      features: [
        serviceHealthPlugin,
        scheduler.factory,
        catalog.factory,
        rolesFactory,
        mockServices.rootConfig.factory({
          data: {
            serviceHealth: {
              github: {
                apiBaseUrl: fake.url,
                organizations: ['acme'],
                token: 't',
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    const task = scheduler.scheduleTask.mock.calls.find(
      c => c[0].id === GITHUB_TASK_ID,
    )![0];
    await task.fn(new AbortController().signal as any);
  });

  it('reads GitHub in one global task: one replica at a time', () => {
    const tasks = scheduler.scheduleTask.mock.calls.map(c => c[0]);
    expect(tasks.filter(t => t.id === GITHUB_TASK_ID)).toEqual([
      expect.objectContaining({ scope: 'global' }),
    ]);
  });
  afterAll(async () => {
    await stop();
    await fake.stop();
  });

  const code = (name: string, user = 'user:default/alice') =>
    request(server)
      .get(`/api/service-health/entities/component/default/${name}/code`)
      .set(as(user));

  it('serves an entity’s repository, commits with their pipeline, runs and failures from the database', async () => {
    const res = await code('svc-0');
    expect(res.status).toBe(200);
    const body = res.body as Extract<CodeResponse, { state: 'ok' }>;
    expect(body.state).toBe('ok');
    expect(body.data.defaultBranch).toBe('main');
    expect(body.data.commits[0]).toMatchObject({
      author: 'alice',
      ci: { state: 'failure' },
    });
    expect(body.data.runs[0].failure).toMatchObject({
      job: 'test',
      step: 'Run tests',
    });
  });

  it('shows alert details to owners and admins, counts to everyone else', async () => {
    const owner = (await code('svc-0')).body;
    expect(owner.canSeeAlerts).toBe(true);
    expect(owner.data.codeScanning.alerts).toHaveLength(1);
    const other = (await code('svc-0', 'user:default/bob')).body;
    expect(other.canSeeAlerts).toBe(false);
    expect(other.data.codeScanning.counts).toMatchObject({ high: 1, total: 1 });
    expect(other.data.codeScanning.alerts).toBeUndefined();
    expect(JSON.stringify(other)).not.toContain('js/high-finding');
    expect(
      (await code('svc-1', 'user:default/root')).body.data.codeScanning.alerts,
    ).toHaveLength(2);
  });

  it('says calmly why there is no data', async () => {
    expect((await code('plain')).body).toMatchObject({
      state: 'no-data',
      reason: 'no-annotation',
    });
    expect((await code('outsider')).body).toMatchObject({
      state: 'no-data',
      reason: 'not-read',
    });
    expect((await code('nope')).status).toBe(404);
  });

  it('answers a catalog page of N entities in one request', async () => {
    const refs = [
      ...entities.map(e => `component:default/${e.metadata.name}`),
      'component:default/unknown',
    ];
    catalog.getEntitiesByRefs.mockClear();
    const res = await request(server)
      .post('/api/service-health/batch')
      .set(as('user:default/bob'))
      .send({ entityRefs: refs });
    expect(res.status).toBe(200);
    const { items } = res.body as BatchResponse;
    expect(Object.keys(items)).toHaveLength(refs.length);
    expect(items['component:default/svc-0']).toMatchObject({
      state: 'ok',
      ci: { state: 'failure' },
      alerts: { critical: 0, high: 1 },
    });
    expect(items['component:default/svc-2']).toMatchObject({
      ci: { state: 'success' },
      alerts: { critical: 2 },
    });
    expect(items['component:default/plain']).toEqual({
      state: 'no-data',
      reason: 'no-annotation',
    });
    expect(items['component:default/outsider']).toEqual({
      state: 'no-data',
      reason: 'not-read',
    });
    expect(items['component:default/unknown']).toEqual({
      state: 'no-data',
      reason: 'no-entity',
    });
    // one catalog lookup for the whole page
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });

  it('does not call GitHub more when more people look', async () => {
    const before = { ...fake.counts };
    const viewers = [
      'user:default/alice',
      'user:default/bob',
      'user:default/root',
    ];
    await Promise.all(
      [0, 1, 2, 3, 4].flatMap(round =>
        viewers.flatMap(v => [
          code(`svc-${round}`, v),
          request(server)
            .post('/api/service-health/batch')
            .set(as(v))
            .send({ entityRefs: ['component:default/svc-1'] }),
        ]),
      ),
    );
    expect(fake.counts).toEqual(before);
    expect(fake.total).toBe(SERVICES * 4 + 1);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const batch = (body: unknown) =>
      request(server)
        .post('/api/service-health/batch')
        .set(as('user:default/bob'))
        .send(body as object);
    let res = await batch({ entityRefs: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/body\.entityRefs/);
    res = await batch({ entityRefs: ['component:default/a'], extra: 1 });
    expect(res.body.error.message).toMatch(/unknown field extra/);
    res = await batch({ entityRefs: ['::'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/body\.entityRefs/);
    res = await request(server)
      .get('/api/service-health/entities/component/default/a%20b/code')
      .set(as('user:default/bob'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/params\.name/);
  });

  it('refuses bad credentials', async () => {
    expect(
      (
        await request(server)
          .post('/api/service-health/batch')
          .set('Authorization', mockCredentials.user.invalidHeader())
          .send({ entityRefs: ['component:default/a'] })
      ).status,
    ).toBe(401);
  });
});
