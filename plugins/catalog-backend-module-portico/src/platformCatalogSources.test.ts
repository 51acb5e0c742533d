/*
 * The repository's configuration and example organisation, as the platform ships them:
 * who may bring which kinds into the catalog, that production loads no demo users, that the
 * development guest belongs to no team, and that the development team → namespaces map is the
 * one the example components point at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

// eslint-disable-next-line no-restricted-syntax -- the repository's own files
const repo = (...p: string[]) => path.resolve(__dirname, '../../..', ...p);
const readConfig = (name: string) => parse(fs.readFileSync(repo(name), 'utf8'));

const base = readConfig('app-config.yaml');
const development = readConfig('app-config.development.yaml');
const production = readConfig('app-config.production.yaml');

/** Every entity under catalog/ (the example organisation). */
function exampleEntities(): any[] {
  const out: any[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else if (/\.ya?ml$/.test(name) && name !== 'mkdocs.yml') {
        for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
          const entity = doc.toJS();
          if (entity?.kind) out.push(entity);
        }
      }
    }
  };
  walk(repo('catalog'));
  return out;
}

const PLATFORM_ONLY = ['User', 'Group', 'Template', 'Domain', 'System'];

describe('catalog sources', () => {
  it('lets locations the platform did not configure bring only Component, API, Resource and Location', () => {
    expect(base.catalog.rules).toEqual([
      { allow: ['Component', 'API', 'Resource', 'Location'] },
    ]);
    expect(development.catalog.rules).toBeUndefined();
    expect(production.catalog.rules).toBeUndefined();
  });

  it.each([
    ['development', development],
    ['production', production],
  ])('gives every %s location its own rules, and Users/Groups/Templates only to the ones that hold them', (_, config) => {
    const kinds = new Set<string>();
    for (const location of config.catalog.locations) {
      expect(location.rules?.length).toBeGreaterThan(0);
      for (const rule of location.rules) rule.allow.forEach((k: string) => kinds.add(k));
    }
    for (const kind of PLATFORM_ONLY) expect(kinds).toContain(kind);
  });

  it('loads no example organisation (demo users) in production; the org comes from the platform’s source', () => {
    const targets = production.catalog.locations.map((l: any) => String(l.target));
    expect(targets.filter((t: string) => /(^|\/)catalog\//.test(t))).toEqual([]);
    const org = production.catalog.locations.find((l: any) =>
      l.rules.some((r: any) => r.allow.includes('User')),
    );
    expect(org).toEqual({
      type: 'url',
      target: '${PORTICO_ORG_CATALOG_URL}',
      rules: [{ allow: ['User', 'Group', 'Domain', 'System'] }],
    });
    expect(development.catalog.locations.map((l: any) => l.target)).toContain('../../catalog/all.yaml');
  });
});

describe('the development guest', () => {
  const entities = exampleEntities();

  it('is a signed-in user of no team: member of no group, owning only itself', () => {
    const guest = development.auth.providers.guest;
    expect(guest.userEntityRef).toBe('user:development/guest');
    expect(guest.ownershipEntityRefs).toEqual(['user:development/guest']);
    const user = entities.find(
      e => e.kind === 'User' && e.metadata.name === 'guest' && e.metadata.namespace === 'development',
    );
    expect(user.spec.memberOf ?? []).toEqual([]);
    const listing = entities.filter(
      e =>
        e.kind === 'Group' &&
        (e.spec.members ?? []).some((m: string) => /guest$/.test(m)),
    );
    expect(listing).toEqual([]);
    // ...so neither an admin group nor an auditor group counts the guest.
    const owned = entities.filter(e => /guest/.test(String(e.spec?.owner ?? '')));
    expect(owned).toEqual([]);
  });

  it('is not enabled in production', () => {
    expect(production.auth.providers.guest).toBeUndefined();
    expect(base.auth?.providers?.guest).toBeUndefined();
  });
});

describe('development team namespaces', () => {
  it('are the namespaces of the components each team owns in catalog/ (backstage.io/kubernetes-namespace)', () => {
    const expected: Record<string, Set<string>> = {};
    for (const e of exampleEntities()) {
      const ns = e.metadata.annotations?.['backstage.io/kubernetes-namespace'];
      if (e.kind !== 'Component' || !ns) continue;
      const team = String(e.spec.owner).replace(/^group:(default\/)?/, '');
      (expected[team] ??= new Set()).add(ns);
    }
    const map = development.portico.teamNamespaces.static;
    expect(development.portico.teamNamespaces.source).toBe('static');
    expect(
      Object.fromEntries(Object.entries(map).map(([t, n]) => [t, [...(n as string[])].sort()])),
    ).toEqual(
      Object.fromEntries(Object.entries(expected).map(([t, n]) => [t, [...n].sort()])),
    );
    expect(production.portico.teamNamespaces).toEqual({ source: 'kubernetes' });
  });
});
