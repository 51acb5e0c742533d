import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  fromRoot,
  generatedConfigFile,
  portalLogFile,
  repoRoot,
} from './paths';

describe('paths', () => {
  it('finds the repository root', () => {
    expect(existsSync(join(repoRoot, 'app-config.development.yaml'))).toBe(
      true,
    );
    expect(
      existsSync(join(repoRoot, 'packages', 'local-platform', 'package.json')),
    ).toBe(true);
  });

  it('writes the generated config and the portal log under .cache/local-platform, ignored by Git', () => {
    expect(fromRoot(generatedConfigFile)).toBe(
      '.cache/local-platform/app-config.local-platform.yaml',
    );
    expect(fromRoot(portalLogFile)).toBe('.cache/local-platform/portal.log');
    // exits non-zero (execFileSync throws) when the path is not ignored
    for (const file of [generatedConfigFile, portalLogFile])
      execFileSync('git', ['check-ignore', '-q', file], { cwd: repoRoot });
  });
});
