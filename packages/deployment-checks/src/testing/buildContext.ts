/*
 * Resolving COPY/ADD sources against a Docker build context.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DockerIgnore } from './dockerignore';

function segmentToRegex(segment: string): RegExp {
  const re = segment
    .split('')
    .map(c => {
      if (c === '*') return '[^/]*';
      if (c === '?') return '[^/]';
      return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${re}$`);
}

export class BuildContext {
  readonly ignore: DockerIgnore;

  constructor(readonly root: string) {
    const file = path.join(root, '.dockerignore');
    this.ignore = new DockerIgnore(
      fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '',
    );
  }

  /**
   * The context-relative paths a COPY source refers to that exist and are not
   * excluded by .dockerignore. Wildcards (`*`, `?`) are supported in the last
   * path segment only.
   */
  resolve(source: string): string[] {
    const normalized = path.posix
      .normalize(source.replace(/^\/+/, ''))
      .replace(/\/$/, '');
    if (normalized.startsWith('..')) {
      throw new Error(`${source} is outside the build context`);
    }
    const dir = path.posix.dirname(normalized);
    const base = path.posix.basename(normalized);
    if (/[*?[]/.test(dir)) {
      throw new Error(`wildcards in directories are not supported: ${source}`);
    }
    let candidates: string[];
    if (/[*?]/.test(base)) {
      const absDir = path.join(this.root, dir);
      const re = segmentToRegex(base);
      candidates = fs.existsSync(absDir)
        ? fs
            .readdirSync(absDir)
            .filter(name => re.test(name))
            .map(name => path.posix.join(dir, name).replace(/^\.\//, ''))
        : [];
    } else {
      candidates = fs.existsSync(path.join(this.root, normalized))
        ? [normalized]
        : [];
    }
    return candidates
      .filter(p => p === '.' || !this.ignore.isIgnored(p))
      .sort();
  }
}
