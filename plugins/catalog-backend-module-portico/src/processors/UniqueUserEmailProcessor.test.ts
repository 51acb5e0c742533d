import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogModulePortico } from '../module';
import { UniqueUserEmailProcessor } from './UniqueUserEmailProcessor';

jest.setTimeout(180_000);

const user = (name: string, email: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { email }, memberOf: [] },
});

describe('UniqueUserEmailProcessor', () => {
  const processor = new UniqueUserEmailProcessor({
    async usersWithEmail(email) {
      return email.toLowerCase() === 'alice@portico.example' ? ['user:default/alice'] : [];
    },
  });

  it('refuses a second User with an email another User has, naming both', async () => {
    await expect(
      processor.postProcessEntity(user('mallory', 'Alice@Portico.example')),
    ).rejects.toThrow(
      'user:default/mallory: spec.profile.email Alice@Portico.example is already the email of user:default/alice; two Users may not share an email',
    );
  });

  it('keeps the User that has it, and Users with other emails or none', async () => {
    for (const entity of [
      user('alice', 'alice@portico.example'),
      user('bob', 'bob@portico.example'),
      { ...user('carol', ''), spec: {} },
      { ...user('x', 'alice@portico.example'), kind: 'Group' },
    ]) {
      await expect(processor.postProcessEntity(entity)).resolves.toBe(entity);
    }
  });
});

const yaml = (users: Array<[string, string]>) =>
  users
    .map(
      ([name, email]) => `apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ${name} }
spec: { profile: { email: ${email} }, memberOf: [] }
`,
    )
    .join('---\n');

describe('two Users with one email, ingested by the catalog', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'the newcomer is refused with the reason (%p), the first keeps signing in',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-email-'));
      const file = path.join(tmp, 'org.yaml');
      fs.writeFileSync(file, yaml([['alice', 'alice@portico.example']]));
      const errors: string[] = [];
      const backend = await startTestBackend({
        features: [
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                locations: [{ type: 'file', target: file, rules: [{ allow: ['User'] }] }],
              },
            },
          }),
          mockServices.database.factory({ knex }),
          catalogPlugin,
          catalogModulePortico,
          createBackendModule({
            pluginId: 'catalog',
            moduleId: 'test-errors',
            register(reg) {
              reg.registerInit({
                deps: { processing: catalogProcessingExtensionPoint },
                async init({ processing }) {
                  processing.setOnProcessingErrorHandler(event => {
                    errors.push(...event.errors.map(e => `${e.message} ${(e as any).cause?.message ?? ''}`));
                  });
                },
              });
            },
          }),
        ],
      });
      const get = (name: string) =>
        fetch(
          `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/user/default/${name}`,
          { headers: { authorization: mockCredentials.user.header() } },
        );
      const waitFor = async (what: string, ok: () => Promise<boolean>) => {
        for (let i = 0; i < 300; i++) {
          if (await ok()) return;
          await new Promise(r => setTimeout(r, 200));
        }
        throw new Error(`timed out waiting for ${what}`);
      };
      try {
        await waitFor('alice', async () => (await get('alice')).ok);

        // The platform's source gains a second User with alice's email.
        fs.writeFileSync(
          file,
          yaml([
            ['alice', 'alice@portico.example'],
            ['mallory', 'ALICE@portico.example'],
          ]),
        );
        await waitFor('the processing error', async () =>
          errors.some(e => e.includes('user:default/mallory: spec.profile.email ALICE@portico.example is already the email of user:default/alice')),
        );
        expect((await get('mallory')).status).toBe(404);
        expect((await get('alice')).status).toBe(200);
      } finally {
        await backend.stop();
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  );
});
