import net from 'node:net';
import { freePort, freeStablePort } from './freePort';
import { waitFor } from './waitFor';
import { specFile, specsDir } from './specFiles';
import fs from 'node:fs';

describe('test helpers', () => {
  it('waitFor returns the first answer and names what timed out', async () => {
    let n = 0;
    await expect(
      waitFor('the third call', () => (++n >= 3 ? n : undefined), {
        intervalMs: 1,
      }),
    ).resolves.toBe(3);
    await expect(
      waitFor(
        'never',
        () => {
          throw new Error('still down');
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/waiting for never \(last: still down\)/);
  });

  it('freePort gives a port that can be listened on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
  });

  it('freeStablePort gives a free port below the ephemeral range, never one freePort gives', async () => {
    const ephemeral = new Set(
      await Promise.all(Array.from({ length: 20 }, () => freePort())),
    );
    const stable = await freeStablePort();
    expect(stable).toBeGreaterThanOrEqual(20_000);
    expect(stable).toBeLessThan(32_000);
    expect(ephemeral.has(stable)).toBe(false);
    const server = net.createServer();
    await new Promise<void>(resolve => server.listen(stable, resolve));
    await new Promise(resolve => server.close(resolve));
  });

  it('finds the repository specs folder with its SOURCES table', () => {
    expect(fs.existsSync(`${specsDir()}/SOURCES.md`)).toBe(true);
    expect(specFile('argocd', 'swagger.json')).toMatch(
      /specs\/argocd\/swagger\.json$/,
    );
    expect(() => specFile('nope.json')).toThrow('specs/nope.json is missing');
  });
});
