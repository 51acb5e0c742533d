/*
 * What the catalog sign-in resolver gives a user of the example organisation (catalog/org.yaml):
 * the user's own ref plus the groups they are a member of. The test backend's user-info service
 * answers with this, so owner checks see the same refs as in the running portal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { repoRoot } from './paths';

export function orgOwnershipRefs(userRef: string): string[] {
  const name = userRef.replace(/^user:default\//, '');
  const docs = YAML.parseAllDocuments(
    readFileSync(join(repoRoot, 'catalog', 'org.yaml'), 'utf8'),
  ).map(d => d.toJS());
  const user = docs.find(d => d?.kind === 'User' && d.metadata?.name === name);
  if (!user) throw new Error(`${userRef} is not in catalog/org.yaml`);
  const groups: string[] = user.spec?.memberOf ?? [];
  return [userRef, ...groups.map(g => `group:default/${g}`)];
}
