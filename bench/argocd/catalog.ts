/*
 * The bench's catalog, as a file location the real catalog backend reads: 1,000 Components
 * `component:default/svc-NNNN` (annotation argocd/app-name: svc-NNNN, owner team-(N mod 20)),
 * the 20 team Groups, and the User the viewers sign in as (member of team-0).
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export const VIEWER_USER = 'user:default/bench-viewer';
export const VIEWER_GROUP = 'group:default/team-0';

function pad(i: number) {
  return String(i).padStart(4, '0');
}

function entities(count: number): object[] {
  const groups = Array.from({ length: 20 }, (_, t) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: `team-${t}` },
    spec: { type: 'team', children: [] },
  }));
  const user = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'bench-viewer' },
    spec: {
      profile: { displayName: 'Bench Viewer' },
      memberOf: ['team-0'],
    },
  };
  const components = Array.from({ length: count }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${pad(i)}`,
      annotations: { 'argocd/app-name': `svc-${pad(i)}` },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${i % 20}`,
    },
  }));
  return [...groups, user, ...components];
}

/** Writes the catalog file into `dir` and returns its path. */
export function writeCatalog(dir: string, count: number): string {
  const file = path.join(dir, 'catalog.yaml');
  fs.writeFileSync(
    file,
    entities(count)
      .map(e => stringify(e))
      .join('---\n'),
  );
  return file;
}
