import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogApps, exampleCatalogPaths, findRepoRoot } from './catalogApps';

describe('catalogApps', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-catalog-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds every argocd/app-name in every document of every YAML file, with its owning team', () => {
    fs.mkdirSync(path.join(dir, 'deep', 'er'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'a.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: one',
        '  annotations:',
        '    \'argocd/app-name\': "app-one"',
        'spec:',
        '  owner: group:default/team-a',
        '---',
        '# a document without the annotation',
        'kind: Component',
        'metadata: { name: two }',
        'spec: { owner: team-b }',
        '---',
        'kind: Component',
        'metadata:',
        '  name: three',
        '  annotations: { argocd/app-name: app-three }',
        'spec: { owner: team-c }',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'deep', 'er', 'b.yml'),
      'kind: Component\nmetadata:\n  name: four\n  annotations:\n    argocd/app-name: app-four\n',
    );
    fs.writeFileSync(
      path.join(dir, 'notes.txt'),
      'argocd/app-name: not-yaml\n',
    );
    expect(catalogApps(dir)).toEqual([
      { name: 'app-four', team: undefined },
      { name: 'app-one', team: 'team-a' },
      { name: 'app-three', team: 'team-c' },
    ]);
  });

  it('says which file does not parse', () => {
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'metadata: [unclosed\n');
    expect(() => catalogApps(dir)).toThrow(/bad\.yaml/);
  });

  it("reads the example catalog: every annotation, each with its entity's team", () => {
    const catalog = path.join(findRepoRoot(), 'catalog');
    const apps = catalogApps(exampleCatalogPaths());
    // An independent count: the annotation lines in the catalog's files.
    const lines = (folder: string): string[] =>
      fs.readdirSync(folder).flatMap(entry => {
        const p = path.join(folder, entry);
        if (fs.statSync(p).isDirectory()) return lines(p);
        return fs
          .readFileSync(p, 'utf8')
          .split('\n')
          .filter(l => /^\s+argocd\/app-name:/.test(l));
      });
    expect(apps.map(a => a.name)).toEqual(
      [
        ...lines(catalog),
        ...fs
          .readFileSync(path.join(findRepoRoot(), 'catalog-info.yaml'), 'utf8')
          .split('\n')
          .filter(l => /^\s+argocd\/app-name:/.test(l)),
      ]
        .map(l => l.split(':')[1].trim())
        .sort(),
    );
    const team = Object.fromEntries(apps.map(a => [a.name, a.team]));
    expect(team['payments-api']).toBe('payments-team');
    expect(team['checkout-service']).toBe('storefront-team');
    expect(team['inventory-service']).toBe('storefront-team');
    expect(team['fraud-detector']).toBe('payments-team');
    // the portal itself (catalog-info.yaml at the root)
    expect(team.portico).toBe('platform-team');
    expect(apps.every(a => a.team)).toBe(true);
  });

  it('finds the repository root from any folder below it, and fails above it', () => {
    const root = findRepoRoot();
    expect(fs.existsSync(path.join(root, 'catalog', 'all.yaml'))).toBe(true);
    expect(findRepoRoot(path.join(root, 'packages', 'local-platform'))).toBe(
      root,
    );
    expect(() => findRepoRoot(dir)).toThrow(/no catalog\/all\.yaml/);
  });
});
