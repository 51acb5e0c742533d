import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { permissionModulePorticoPolicy } from '@internal/plugin-permission-backend-module-portico';
import { catalogOrgYaml } from '@internal/plugin-portico-node/testUtils';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { catalogModulePortico } from '@internal/plugin-catalog-backend-module-portico';

jest.setTimeout(120_000);

const ORG = catalogOrgYaml({
  users: {
    bob: { memberOf: ['team-a'] },
    alice: { memberOf: ['portico-admins'] },
  },
  groups: ['team-a', 'team-b', 'portico-admins'],
});

const component = (name: string, owner: string) => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name} }
spec: { type: service, lifecycle: production, owner: ${owner} }
`;

/** What a repository's catalog-info.yaml may say (served over HTTP like a Git host). */
const FILES: Record<string, string> = {
  '/mine.yaml': `${component('payments', 'team-a')}---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: payments-api }
spec: { type: openapi, lifecycle: production, owner: group:default/team-a, definition: 'openapi: 3.0.0' }
`,
  '/theirs.yaml': component('checkout', 'team-b'),
  '/mixed.yaml': `${component('ledger', 'team-a')}---${component(
    'fraud',
    'team-b',
  )}`,
  '/group.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: portico-admins-2 }
spec: { type: team, children: [] }
`,
  '/template.yaml': `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: evil }
spec: { type: service, owner: team-a, steps: [] }
`,
  '/admin.yaml': component('platform-tool', 'team-b'),
};

/** The sign-in token's ownership (`ent`); admin rights come only from the catalog. */
const OWNERSHIP: Record<string, string[]> = {
  'user:default/bob': ['user:default/bob', 'group:default/team-a'],
  'user:default/alice': ['user:default/alice', 'group:default/portico-admins'],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: OWNERSHIP[ref] ?? [ref],
      };
    },
  }),
});

describe('developer registration (catalog-backend-module-portico)', () => {
  let server: http.Server;
  let files: string;
  let tmp: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const auditEvents: any[] = [];
  const url = () => `http://localhost:${backend.server.port()}`;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const body = FILES[req.url ?? ''];
      res.statusCode = body ? 200 : 404;
      res.end(body ?? 'not found');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    files = `http://127.0.0.1:${port}`;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-gate-'));
    fs.writeFileSync(path.join(tmp, 'org.yaml'), ORG);

    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: `127.0.0.1:${port}` }] } },
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Component', 'API', 'Resource', 'Location'] }],
              locations: [
                {
                  type: 'file',
                  target: path.join(tmp, 'org.yaml'),
                  rules: [{ allow: ['User', 'Group'] }],
                },
              ],
            },
          },
        }),
        permissionsServiceFactory,
        userInfoFactory,
        // Records every event the gate and the catalog emit.
        createServiceFactory({
          service: coreServices.auditor,
          deps: { plugin: coreServices.pluginMetadata },
          factory: ({ plugin }) => ({
            async createEvent(options: any) {
              auditEvents.push({
                plugin: plugin.getId(),
                status: 'initiated',
                ...options,
                request: undefined,
              });
              return {
                async success(p?: any) {
                  auditEvents.push({
                    plugin: plugin.getId(),
                    status: 'succeeded',
                    eventId: options.eventId,
                    meta: p?.meta,
                  });
                },
                async fail(p: any) {
                  auditEvents.push({
                    plugin: plugin.getId(),
                    status: 'failed',
                    eventId: options.eventId,
                    error: String(p.error),
                  });
                },
              };
            },
          }),
        }),
        catalogPlugin,
        catalogModulePortico,
        permissionPlugin,
        permissionModulePorticoPolicy,
      ],
    });

    // Wait for the organisation (bob, alice and their groups) to be in the catalog.
    for (let i = 0; i < 150; i++) {
      const res = await fetch(
        `${url()}/api/catalog/entities/by-name/user/default/alice`,
        {
          headers: {
            authorization: mockCredentials.user.header('user:default/bob'),
          },
        },
      );
      if (res.ok && (await res.json()).relations?.length) break;
      await new Promise(r => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    await backend?.stop();
    server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function register(user: string, file: string, dryRun = false) {
    const res = await fetch(
      `${url()}/api/catalog/locations${dryRun ? '?dryRun=true' : ''}`,
      {
        method: 'POST',
        headers: {
          authorization: mockCredentials.user.header(user),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ type: 'url', target: `${files}${file}` }),
      },
    );
    return { status: res.status, body: await res.json() };
  }

  async function locations() {
    const res = await fetch(`${url()}/api/catalog/locations`, {
      headers: {
        authorization: mockCredentials.user.header('user:default/alice'),
      },
    });
    return ((await res.json()) as any[]).map(l => l.data.target);
  }

  it('lets a developer register Components and APIs owned by one of their groups', async () => {
    const dry = await register('user:default/bob', '/mine.yaml', true);
    expect(dry.status).toBe(201);
    expect(dry.body.entities.map((e: any) => e.metadata.name)).toEqual(
      expect.arrayContaining(['payments', 'payments-api']),
    );
    expect(await locations()).not.toContain(`${files}/mine.yaml`);

    const real = await register('user:default/bob', '/mine.yaml');
    expect(real.status).toBe(201);
    expect(await locations()).toContain(`${files}/mine.yaml`);
    expect(auditEvents).toContainEqual(
      expect.objectContaining({
        plugin: 'catalog',
        eventId: 'location-register',
        status: 'succeeded',
        meta: expect.objectContaining({ owners: ['group:default/team-a'] }),
      }),
    );
  });

  // Kinds other than Component, API, Resource are refused twice over: catalog.rules refuse them
  // from any location the platform did not configure (the catalog's dry run fails, with its
  // reason), and the gate would refuse them for a developer.
  it.each([
    [
      '/theirs.yaml',
      403,
      /component:default\/checkout: spec\.owner group:default\/team-b is not one of your groups \(group:default\/team-a\)/,
    ],
    [
      '/mixed.yaml',
      403,
      /component:default\/fraud: spec\.owner group:default\/team-b is not one of your groups/,
    ],
    [
      '/group.yaml',
      403,
      /you may register a location only when .*; the catalog says: (NotAllowedError: )?Entity group:default\/portico-admins-2 at .* is not of an allowed kind for that location/,
    ],
    [
      '/template.yaml',
      403,
      /the catalog says: (NotAllowedError: )?Entity template:default\/evil at .* is not of an allowed kind for that location/,
    ],
    [
      '/missing.yaml',
      403,
      /missing\.yaml: you may register a location only when the catalog can read it/,
    ],
  ])(
    'refuses a developer registering %s, naming the entity and why; nothing is registered',
    async (file, status, message) => {
      for (const dryRun of [true, false]) {
        const res = await register('user:default/bob', file, dryRun);
        expect(res.status).toBe(status);
        expect(res.body.error.message).toMatch(message);
      }
      expect(await locations()).not.toContain(`${files}${file}`);
      expect(auditEvents).toContainEqual(
        expect.objectContaining({
          eventId: 'location-register',
          status: 'failed',
          error: expect.stringMatching(message),
        }),
      );
    },
  );

  it('keeps deleting a location for admins: a developer gets 403, an admin may', async () => {
    const res = await fetch(`${url()}/api/catalog/locations`, {
      headers: {
        authorization: mockCredentials.user.header('user:default/alice'),
      },
    });
    const mine = ((await res.json()) as any[]).find(
      l => l.data.target === `${files}/mine.yaml`,
    );
    expect(mine).toBeDefined();
    const asBob = await fetch(
      `${url()}/api/catalog/locations/${mine.data.id}`,
      {
        method: 'DELETE',
        headers: {
          authorization: mockCredentials.user.header('user:default/bob'),
        },
      },
    );
    expect(asBob.status).toBe(403);
    const refusal = `only admins may delete catalog locations; location ${mine.data.id} (url:${files}/mine.yaml) was not deleted: catalog.location.delete is refused to user:default/bob`;
    expect((await asBob.json()).error).toEqual({
      name: 'NotAllowedError',
      message: refusal,
    });
    expect(auditEvents).toContainEqual(
      expect.objectContaining({
        eventId: 'location-mutate',
        status: 'failed',
        error: `NotAllowedError: ${refusal}`,
      }),
    );
    const unknown = await fetch(
      `${url()}/api/catalog/locations/no-such-location`,
      {
        method: 'DELETE',
        headers: {
          authorization: mockCredentials.user.header('user:default/bob'),
        },
      },
    );
    expect(unknown.status).toBe(403);
    expect((await unknown.json()).error.message).toMatch(
      /^only admins may delete catalog locations; location no-such-location was not deleted/,
    );
    const asAlice = await fetch(
      `${url()}/api/catalog/locations/${mine.data.id}`,
      {
        method: 'DELETE',
        headers: {
          authorization: mockCredentials.user.header('user:default/alice'),
        },
      },
    );
    expect(asAlice.status).toBe(204);
  });

  it('refuses another plugin’s own token on the changing routes, and lets a plugin act for a user', async () => {
    const scaffolder = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:scaffolder'),
      targetPluginId: 'catalog',
    });
    const res = await fetch(`${url()}/api/catalog/locations`, {
      method: 'POST',
      headers: {
        authorization: scaffolder,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ type: 'url', target: `${files}/admin.yaml` }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe(
      'POST /locations (catalog) accepts only signed-in users (or a service subject portico.access.serviceSubjects lists); the caller is a service principal (plugin:scaffolder)',
    );
    expect(auditEvents).toContainEqual(
      expect.objectContaining({
        plugin: 'catalog',
        eventId: 'principal-refused',
        status: 'failed',
      }),
    );
    // The scaffolder's catalog:register: the initiator's credentials, on behalf of the user.
    const forBob = mockCredentials.service.header({
      onBehalfOf: mockCredentials.user('user:default/bob'),
      targetPluginId: 'catalog',
    });
    const dry = await fetch(`${url()}/api/catalog/locations?dryRun=true`, {
      method: 'POST',
      headers: { authorization: forBob, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url', target: `${files}/mine.yaml` }),
    });
    expect(dry.status).toBe(201);
  });

  it('lets an admin (by catalog membership) register any owner; the kinds still follow catalog.rules', async () => {
    expect((await register('user:default/alice', '/admin.yaml')).status).toBe(
      201,
    );
    const template = await register(
      'user:default/alice',
      '/template.yaml',
      true,
    );
    expect(template.status).toBe(400);
    expect(template.body.error.message).toMatch(
      /is not of an allowed kind for that location/,
    );
  });
});
