import { ConfigReader } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readProvisioningConfig } from './ProvisioningConfig';

const read = (provisioning: object) =>
  readProvisioningConfig(new ConfigReader({ provisioning }));
const repoFile = (name: string) =>
  parse(fs.readFileSync(path.resolve(__dirname, '../../../..', name), 'utf8'));

describe('readProvisioningConfig', () => {
  it('defaults to a short token lifetime and the Secret delivery', () => {
    const config = read({});
    expect(config.tokenTtlMs).toBe(90 * 60_000);
    expect(config.tokenDelivery).toBe('secret');
    expect(config.callbackSecret.namespace).toBe('argo');
    expect(config.activeRunsPerUser).toBe(10);
  });

  it('takes a configured lifetime, and refuses a long one', () => {
    expect(read({ callback: { tokenTtl: '30m' } }).tokenTtlMs).toBe(1_800_000);
    expect(read({ callback: { tokenTtl: { hours: 2 } } }).tokenTtlMs).toBe(
      7_200_000,
    );
    expect(() => read({ callback: { tokenTtl: '24h' } })).toThrow(/at most 6h/);
  });

  it('refuses the payload delivery in production', () => {
    const env = process.env.NODE_ENV;
    try {
      (process.env as any).NODE_ENV = 'production';
      expect(() => read({ callback: { tokenDelivery: 'payload' } })).toThrow(
        /local development only/,
      );
      expect(
        read({ callback: { tokenDelivery: 'secret' } }).tokenDelivery,
      ).toBe('secret');
    } finally {
      (process.env as any).NODE_ENV = env;
    }
    expect(() => read({ callback: { tokenDelivery: 'env' } })).toThrow(
      /'secret' or 'payload'/,
    );
  });

  it('bounds the dispatcher batch', () => {
    expect(() => read({ dispatcher: { batchSize: 5000 } })).toThrow(
      /at most 200/,
    );
  });

  it('production config writes the token into a Secret; only the development config puts it in the payload', () => {
    const production = repoFile('app-config.production.yaml');
    expect(production.provisioning.callback.tokenDelivery).toBe('secret');
    expect(repoFile('app-config.yaml').provisioning.callback).toBeUndefined();
    expect(
      repoFile('app-config.development.yaml').provisioning.callback
        .tokenDelivery,
    ).toBe('payload');
  });

  it('the provisioning sections of app-config*.yaml pass the config schema strictly', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['@internal/plugin-provisioning-backend'],
      noUndeclaredProperties: true,
    });
    // Problems under provisioning only (the rest of the config is not given here).
    const problems = (provisioning: unknown) => {
      try {
        schema.process([{ data: { provisioning } as any, context: 'test' }]);
        return [];
      } catch (error) {
        return String((error as Error).message)
          .split(/; (?=Config )/)
          .filter(p => p.includes(' at /provisioning'));
      }
    };
    for (const file of [
      'app-config.yaml',
      'app-config.development.yaml',
      'app-config.production.yaml',
    ]) {
      expect([file, problems(repoFile(file).provisioning)]).toEqual([file, []]);
    }
    expect(problems({ callback: { tokenDeliveri: 'payload' } })).toEqual([
      expect.stringMatching(/additionalProperty=tokenDeliveri/),
    ]);
  }, 60_000);
});
