/*
 * Bad configuration stops the backend at start with a message naming the key or variable,
 * before any plugin touches a database or an upstream.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const backendDir = path.resolve(__dirname, '..');
// Each case starts the backend process (the config schema of every plugin is compiled first): minutes
// on a loaded 2-core machine.
jest.setTimeout(300_000);

function runBackend(configs: string[], env: Record<string, string | undefined>) {
  const cleanEnv = Object.fromEntries(
    Object.entries({ ...process.env, ...env }).filter(
      ([k, v]) => v !== undefined && !/^(POSTGRES_|DEX_|PORTICO_|BACKEND_SECRET|AUTH_SESSION|GITHUB_TOKEN|KUBERNETES_CLUSTER)/.test(k),
    ),
  ) as NodeJS.ProcessEnv;
  Object.assign(cleanEnv, Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)));
  return spawnSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      ...configs.flatMap(c => ['--config', c]),
    ],
    { cwd: backendDir, env: cleanEnv, encoding: 'utf8', timeout: 280_000 },
  );
}

describe('backend start with bad configuration', () => {
  it('in production, refuses to start and names every unset environment variable', () => {
    const result = runBackend(
      ['../../app-config.yaml', '../../app-config.production.yaml'],
      { NODE_ENV: 'production', POSTGRES_HOST: '127.0.0.1' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Portico cannot start, the configuration is invalid');
    expect(result.stderr).toContain('environment variable DEX_CLIENT_SECRET is not set');
    expect(result.stderr).toContain('environment variable POSTGRES_PASSWORD is not set');
    expect(result.stderr).not.toContain('environment variable POSTGRES_HOST is not set');
    // A message, not a stack trace.
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses an unknown config key, naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-config-'));
    const extra = path.join(dir, 'typo.yaml');
    fs.writeFileSync(extra, 'catalog:\n  locatons: []\n');
    try {
      const result = runBackend(['../../app-config.yaml', extra], { NODE_ENV: 'development' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        "unknown key 'catalog.locatons' (no installed plugin declares it)",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
