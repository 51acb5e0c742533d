import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './paths';

/** Runs make start's entry as `yarn start` does; resolves with its exit code and output. */
function runStart(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
        join(__dirname, 'main.ts'),
        ...args,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', code => resolve({ code, stdout, stderr }));
  });
}

describe('make start', () => {
  it('with the app port taken, names it, starts nothing and exits 1', async () => {
    // Hold 3000 (the app); if something else holds it already, the outcome is the same.
    const holder = createServer();
    await new Promise<void>(resolve => {
      holder.once('error', () => resolve());
      holder.listen(3000, '127.0.0.1', () => resolve());
    });
    try {
      const { code, stdout, stderr } = await runStart();
      expect(code).toBe(1);
      expect(stderr).toContain('make start started nothing');
      expect(stderr).toContain(
        "port 3000 (the portal app) is taken: stop what holds it (ss -ltnp 'sport = :3000')",
      );
      expect(stdout).not.toContain('starting the local platform');
    } finally {
      holder.close();
    }
  }, 60_000);

  it('refuses an argument it does not know, before anything', async () => {
    const { code, stdout, stderr } = await runStart('--peers', 'git');
    expect(code).toBe(1);
    expect(stderr).toContain('unknown argument --peers');
    expect(stdout).toBe('');
  }, 60_000);
});
