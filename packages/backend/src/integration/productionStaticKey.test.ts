/*
 * The production static key (backend.auth.externalAccess of app-config.production.yaml) reads only:
 * it lists entities, and cannot register or delete catalog locations. A key without restrictions
 * cannot either: the catalog's changing routes accept users only (catalog-backend-module-portico). Real auth and httpAuth
 * services (not mocks), so the key is checked the way the portal checks it.
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { permissionModulePorticoPolicy } from '@internal/plugin-permission-backend-module-portico';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { parse } from 'yaml';
import { catalogModulePortico } from '@internal/plugin-catalog-backend-module-portico';

jest.setTimeout(120_000);

const PRODUCTION_SECRET = Buffer.from(
  'production-static-key-for-tests',
).toString('base64');
const UNRESTRICTED_SECRET = Buffer.from(
  'unrestricted-key-for-comparison',
).toString('base64');

/** A caller's token for a `legacy` external access entry: a JWT signed with its secret. */
const legacyToken = (secret: string) =>
  new SignJWT({ sub: 'backstage-server' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(Buffer.from(secret, 'base64'));
let PRODUCTION_KEY = '';
let UNRESTRICTED_KEY = '';

/** backend.auth.externalAccess as app-config.production.yaml writes it, with the key filled in. */
function productionExternalAccess(): any[] {
  // eslint-disable-next-line no-restricted-syntax -- the repository's config file
  const file = path.resolve(
    __dirname,
    '../../../../app-config.production.yaml',
  );
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/\$\{BACKEND_SECRET\}/g, PRODUCTION_SECRET);
  return parse(text).backend.auth.externalAccess;
}

describe('the production static key', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const url = (p: string) => `http://localhost:${backend.server.port()}${p}`;

  beforeAll(async () => {
    PRODUCTION_KEY = await legacyToken(PRODUCTION_SECRET);
    UNRESTRICTED_KEY = await legacyToken(UNRESTRICTED_SECRET);
    const externalAccess = productionExternalAccess();
    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: {
              auth: {
                externalAccess: [
                  ...externalAccess,
                  // The same key without restrictions: what the production key must not be.
                  {
                    type: 'legacy',
                    options: {
                      secret: UNRESTRICTED_SECRET,
                      subject: 'unrestricted',
                    },
                  },
                ],
              },
            },
            catalog: {
              rules: [{ allow: ['Component', 'API', 'Resource', 'Location'] }],
            },
          },
        }),
        authServiceFactory,
        httpAuthServiceFactory,
        permissionsServiceFactory,
        catalogPlugin,
        catalogModulePortico,
        permissionPlugin,
        permissionModulePorticoPolicy,
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const call = (key: string, method: string, p: string, body?: object) =>
    fetch(url(p), {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  const location = {
    type: 'url',
    target: 'https://github.com/acme/x/blob/main/catalog-info.yaml',
  };

  it('is the one external key of the production config', () => {
    expect(productionExternalAccess()).toHaveLength(1);
  });

  it('reads the catalog', async () => {
    expect(
      (await call(PRODUCTION_KEY, 'GET', '/api/catalog/entities?limit=1'))
        .status,
    ).toBe(200);
  });

  it('cannot register a location (not even a dry run), nor delete one', async () => {
    for (const p of [
      '/api/catalog/locations',
      '/api/catalog/locations?dryRun=true',
    ]) {
      const res = await call(PRODUCTION_KEY, 'POST', p, location);
      expect(res.status).toBe(403);
      expect((await res.json()).error.name).toBe('NotAllowedError');
    }
    const del = await call(
      PRODUCTION_KEY,
      'DELETE',
      '/api/catalog/locations/some-location-id',
    );
    expect(del.status).toBe(403);
  });

  it('is refused like any service principal without restrictions: the catalog’s changing routes accept users only', async () => {
    for (const [method, p, body] of [
      ['POST', '/api/catalog/locations', location],
      ['PUT', '/api/catalog/locations/some-location-id', location],
      ['DELETE', '/api/catalog/locations/some-location-id', undefined],
      ['DELETE', '/api/catalog/entities/by-uid/some-uid', undefined],
      ['POST', '/api/catalog/refresh', { entityRef: 'component:default/x' }],
    ] as const) {
      for (const [key, subject] of [
        [UNRESTRICTED_KEY, 'unrestricted'],
        [PRODUCTION_KEY, 'legacy-default-config'],
      ]) {
        const res = await call(key, method, p, body);
        expect([method, p, subject, res.status]).toEqual([
          method,
          p,
          subject,
          403,
        ]);
        expect((await res.json()).error.message).toContain(
          `accepts only signed-in users (or a service subject portico.access.serviceSubjects lists); the caller is a service principal (${subject})`,
        );
      }
    }
    // Reading stays open to the unrestricted key; an unknown key is not a caller at all.
    expect(
      (await call(UNRESTRICTED_KEY, 'GET', '/api/catalog/entities?limit=1'))
        .status,
    ).toBe(200);
    expect(
      (await call('not-a-key', 'GET', '/api/catalog/entities?limit=1')).status,
    ).toBe(401);
  });
});
