import { freePort } from './freePort';
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

  it('finds the repository specs folder with its SOURCES table', () => {
    expect(fs.existsSync(`${specsDir()}/SOURCES.md`)).toBe(true);
    expect(specFile('argocd', 'swagger.json')).toMatch(
      /specs\/argocd\/swagger\.json$/,
    );
    expect(() => specFile('nope.json')).toThrow('specs/nope.json is missing');
  });
});
