import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../start/paths';
import {
  REMOVED_FOR_LOOPBACK,
  writeProductionConfig,
} from './productionConfig';

describe('the production config as prod-local loads it', () => {
  it('is app-config.production.yaml less only the listed keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prod-config-'));
    try {
      const source = join(repoRoot, 'app-config.production.yaml');
      const original = parse(readFileSync(source, 'utf8'));
      const written = parse(
        readFileSync(
          writeProductionConfig(source, join(dir, 'p.yaml')),
          'utf8',
        ),
      );
      expect(written.techdocs.publisher.awsS3).toBeUndefined();
      expect(original.techdocs.publisher.awsS3).toBeDefined();
      for (const { path } of REMOVED_FOR_LOOPBACK) {
        let node = original;
        for (const key of path.slice(0, -1)) node = node[key];
        delete node[path[path.length - 1]];
      }
      expect(written).toEqual(original);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
