import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { componentEntity } from '@internal/plugin-portico-node/testUtils';
import { generateKeyPairSync } from 'node:crypto';
import { readGithubConfig } from '../config/readGithubConfig';
import { GithubClient } from '../github/GithubClient';
import { GithubRepoStore } from '../store/GithubRepoStore';
import { FakeGithub } from '../testing/FakeGithub';
import { fakeRepository } from '../testing/fakeRepos';
import { assertGithubShape } from '../testing/githubOpenApi';
import { refreshGithub } from './refreshGithub';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const slugged = (name: string, slug: string) =>
  componentEntity(name, { 'github.com/project-slug': slug });

const entities = [
  slugged('payments', 'acme/payments'),
  slugged('payments-worker', 'Acme/Payments'), // same repository, read once
  slugged('legacy', 'acme/legacy'),
  slugged('outsider', 'evil-corp/payments'), // not a configured organization: never read
  componentEntity('no-annotation', {}),
];

describe.each(databases.eachSupportedId())(
  'the GitHub source on %p',
  databaseId => {
    let fake: FakeGithub;
    let store: GithubRepoStore;
    const logger = mockServices.logger.mock();
    const config = () =>
      readGithubConfig(
        new ConfigReader({
          serviceHealth: {
            github: {
              apiBaseUrl: fake.url,
              organizations: ['acme'],
              token: 'source-token',
              commits: 5,
              runs: 6,
            },
          },
        }),
      )!;
    const pass = (c = config()) =>
      refreshGithub({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        client: new GithubClient(c),
        store,
        config: c,
        logger,
      });

    beforeAll(async () => {
      fake = await FakeGithub.start({
        tokens: ['source-token'],
        repos: [
          fakeRepository({
            owner: 'acme',
            repo: 'payments',
            failing: true,
            alerts: { critical: 1, high: 2, low: 1 },
          }),
          fakeRepository({ owner: 'acme', repo: 'legacy', alerts: 'disabled' }),
          fakeRepository({ owner: 'evil-corp', repo: 'payments' }),
        ],
        validate: assertGithubShape,
      });
      const knex = await databases.init(databaseId);
      const database: DatabaseService = { getClient: async () => knex };
      store = await GithubRepoStore.create(database);
    });
    afterAll(() => fake.stop());

    it('reads every annotated repository of the configured organizations once, and stores it', async () => {
      const result = await pass();
      expect(result).toEqual({
        repositories: 2,
        read: 2,
        failed: 0,
        skipped: 1,
      });
      const payments = (await store.get('acme/payments'))!.data!;
      expect(payments.defaultBranch).toBe('main');
      expect(payments.commits).toHaveLength(5);
      expect(payments.commits[0]).toMatchObject({
        author: 'alice',
        message: 'Add retry to the payment client',
        ci: { state: 'failure' },
      });
      expect(payments.commits[1].ci?.state).toBe('success');
      expect(payments.runs).toHaveLength(6);
      expect(payments.runs[0]).toMatchObject({
        state: 'failure',
        durationSeconds: 240,
        failure: { job: 'test', step: 'Run tests' },
      });
      expect(payments.runs[0].failure!.logUrl).toMatch(
        /\/actions\/runs\/\d+\/job\/\d+$/,
      );
      expect(payments.codeScanning.counts).toEqual({
        critical: 1,
        high: 2,
        medium: 0,
        low: 1,
        other: 0,
        total: 4,
      });
      expect(payments.codeScanning.alerts![0]).toMatchObject({
        severity: 'critical',
        tool: 'CodeQL',
        path: 'src/module0.ts',
      });
      const legacy = (await store.get('acme/legacy'))!.data!;
      expect(legacy.codeScanning).toMatchObject({
        counts: { total: 0 },
        unavailable: expect.stringMatching(/not enabled/),
      });
      expect(await store.get('evil-corp/payments')).toBeUndefined();
      expect(fake.repos.size).toBe(3);
      // repo, commits, runs, alerts for each, plus the jobs of the one failed run
      expect(fake.counts).toEqual({
        'GET /repos/{owner}/{repo}': 2,
        'GET /repos/{owner}/{repo}/commits': 2,
        'GET /repos/{owner}/{repo}/actions/runs': 2,
        'GET /repos/{owner}/{repo}/code-scanning/alerts': 2,
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs': 1,
      });
    });

    it('does not ask again for the jobs of a failed run it already read', async () => {
      fake.resetCounts();
      await pass();
      expect(
        fake.counts['GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs'],
      ).toBeUndefined();
      expect(fake.total).toBe(8);
    });

    it('keeps the last good read and records the error when GitHub fails, never the token', async () => {
      fake.outage(502);
      const result = await pass();
      fake.recover();
      expect(result.failed).toBe(2);
      const stored = (await store.get('acme/payments'))!;
      expect(stored.data?.commits).toHaveLength(5);
      expect(stored.error).toMatch(/GitHub answered 502/);
      expect(JSON.stringify(logger.warn.mock.calls)).not.toContain(
        'source-token',
      );
      await pass();
      expect((await store.get('acme/payments'))!.error).toBeUndefined();
    });

    it('authenticates as a GitHub App installation in production', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
      });
      const appFake = await FakeGithub.start({
        app: {
          appId: '1234',
          installationId: 77,
          publicKeyPem: publicKey
            .export({ type: 'spki', format: 'pem' })
            .toString(),
        },
        repos: [fakeRepository({ owner: 'acme', repo: 'payments' })],
        validate: assertGithubShape,
      });
      try {
        const c = readGithubConfig(
          new ConfigReader({
            serviceHealth: {
              github: {
                apiBaseUrl: appFake.url,
                organizations: ['acme'],
                app: {
                  appId: 1234,
                  installationId: 77,
                  privateKey: privateKey
                    .export({ type: 'pkcs8', format: 'pem' })
                    .toString(),
                },
              },
            },
          }),
        )!;
        const data = await new GithubClient(c).repository('acme', 'payments');
        expect(data.default_branch).toBe('main');
        expect(
          appFake.counts[
            'POST /app/installations/{installation_id}/access_tokens'
          ],
        ).toBe(1);
        expect(appFake.authorizations.at(-1)).toMatch(/^token ghs_/);
      } finally {
        await appFake.stop();
      }
    });

    it('drops repositories no component points at any more', async () => {
      await store.saveSuccess({
        ...(await store.get('acme/payments'))!.data!,
        slug: 'acme/gone',
      });
      await pass();
      expect(await store.get('acme/gone')).toBeUndefined();
    });
  },
);
