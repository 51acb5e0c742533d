/*
 * The bench's catalog, as a file location the real catalog plugin ingests: team-a (owner of every
 * component, holding namespace `shop` through portico.teamNamespaces), the user who signs in
 * (a member of team-a) and the components the bench reads.
 */
import type { Entity } from '@backstage/catalog-model';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

/** The team that owns every component of the bench. */
export const TEAM = 'team-a';
/** The catalog User the bench signs in as (auth.providers.guest.userEntityRef). */
export const VIEWER_REF = 'user:default/bench-viewer';

/** A team the static team → namespaces map gives none: its components read nothing upstream. */
export const TEAM_WITHOUT_NAMESPACES = 'team-none';

/** A service component in namespace `shop`, selected by `app`, owned by `team` (team-a). */
export function component(name: string, app: string, team = TEAM): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-namespace': 'shop',
        'backstage.io/kubernetes-id': app,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/${team}`,
    },
  };
}

/**
 * Writes team-a, the viewer and `components` as one multi-document YAML file in a new temporary
 * directory; returns its path and a remover.
 */
export async function writeCatalog(
  components: Entity[],
): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-observability-'));
  const team: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: TEAM, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
  const viewer: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: VIEWER_REF.split('/')[1], namespace: 'default' },
    spec: {
      profile: {
        displayName: 'Bench Viewer',
        email: 'bench-viewer@example.com',
      },
      memberOf: [TEAM],
    },
  };
  const file = path.join(dir, 'catalog.yaml');
  await fs.writeFile(
    file,
    [team, viewer, ...components].map(e => stringify(e)).join('---\n'),
  );
  return { file, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}
