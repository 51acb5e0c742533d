import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The `github.com/project-slug` of every Component under `folder` (YAML files, recursively), sorted. */
export function catalogRepos(
  folder: string,
): Array<{ owner: string; repo: string }> {
  const slugs = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      if (!/\.ya?ml$/.test(entry)) continue;
      for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
        const entity = doc.toJS() as any;
        const slug =
          entity?.kind === 'Component'
            ? entity.metadata?.annotations?.['github.com/project-slug']
            : undefined;
        if (typeof slug === 'string' && /^[\w.-]+\/[\w.-]+$/.test(slug))
          slugs.add(slug);
      }
    }
  };
  walk(folder);
  return [...slugs].sort().map(s => {
    const [owner, repo] = s.split('/');
    return { owner, repo };
  });
}
