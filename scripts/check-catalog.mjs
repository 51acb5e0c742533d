#!/usr/bin/env node
// Checks Portico's own catalog files: catalog-info.yaml and everything catalog/all.yaml and
// templates/all.yaml reach.
//   node scripts/check-catalog.mjs
// - every document is an entity with apiVersion, kind and a valid metadata.name;
// - the required spec fields of each built-in kind are present;
// - every relation target (owner, system, domain, dependsOn, providesApis, consumesApis, memberOf,
//   parent, children, ...) is an entity defined in these files;
// - every entity file under catalog/ is reachable from catalog/all.yaml, every templates/*/template.yaml
//   from templates/all.yaml;
// - no relative $text/$json/$yaml placeholders (they cannot resolve against `type: file` locations);
// - `backstage.io/techdocs-ref: dir:<path>` points at a directory with a mkdocs.yml.
// Exits 1 when anything is wrong.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entryPoints = [
  'catalog-info.yaml',
  'catalog/all.yaml',
  'templates/all.yaml',
];
const NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$/;
const API_VERSIONS = new Set([
  'backstage.io/v1alpha1',
  'backstage.io/v1beta1',
  'scaffolder.backstage.io/v1beta3',
]);
const REQUIRED = {
  Component: ['type', 'lifecycle', 'owner'],
  API: ['type', 'lifecycle', 'owner', 'definition'],
  Resource: ['type', 'owner'],
  System: ['owner'],
  Domain: ['owner'],
  Group: ['type', 'children'],
  User: [],
  Location: [],
  Template: ['type', 'steps'],
};
// spec field -> default kind of its targets (null: the ref must name its kind)
const RELATIONS = {
  owner: 'group',
  system: 'system',
  domain: 'domain',
  subdomainOf: 'domain',
  subcomponentOf: 'component',
  dependsOn: null,
  dependencyOf: null,
  providesApis: 'api',
  consumesApis: 'api',
  memberOf: 'group',
  parent: 'group',
  children: 'group',
  members: 'user',
};

const errors = [];
const entities = new Map(); // "kind:namespace/name" (lower case) -> file
const loaded = [];
const visitedFiles = new Set();
const rel = file => relative(root, file);

function refKey(ref, defaultKind, defaultNamespace = 'default') {
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(String(ref));
  if (!m) return undefined;
  const kind = m[1] ?? defaultKind;
  if (!kind) return undefined;
  return `${kind}:${m[2] ?? defaultNamespace}/${m[3]}`.toLowerCase();
}

function load(file) {
  if (visitedFiles.has(file)) return;
  visitedFiles.add(file);
  if (!existsSync(file)) {
    errors.push(`${rel(file)}: file does not exist`);
    return;
  }
  const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8'));
  for (const doc of docs) {
    if (doc.errors.length) {
      errors.push(`${rel(file)}: ${doc.errors[0].message}`);
      continue;
    }
    const entity = doc.toJS();
    if (entity === null) continue;
    const where = `${rel(file)} (${entity?.kind}:${entity?.metadata?.name})`;
    if (!API_VERSIONS.has(entity?.apiVersion))
      errors.push(`${where}: bad apiVersion ${entity?.apiVersion}`);
    if (!(entity?.kind in REQUIRED))
      errors.push(`${where}: unknown kind ${entity?.kind}`);
    if (!NAME.test(entity?.metadata?.name ?? ''))
      errors.push(`${where}: invalid metadata.name`);
    for (const field of REQUIRED[entity?.kind] ?? []) {
      if (entity.spec?.[field] === undefined)
        errors.push(`${where}: spec.${field} is missing`);
    }
    const key = refKey(
      entity.metadata?.name,
      entity.kind,
      entity.metadata?.namespace,
    );
    if (entities.has(key))
      errors.push(`${where}: duplicate of an entity in ${entities.get(key)}`);
    entities.set(key, rel(file));
    loaded.push({ file, where, entity });
    findPlaceholders(entity, where);
    if (entity.kind === 'Location') {
      const targets = [
        ...(entity.spec?.targets ?? []),
        ...(entity.spec?.target ? [entity.spec.target] : []),
      ];
      for (const target of targets) load(resolve(dirname(file), target));
    }
  }
}

function findPlaceholders(value, where) {
  if (Array.isArray(value))
    return value.forEach(v => findPlaceholders(v, where));
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (/^\$(text|json|yaml)$/.test(k) && !/^https?:\/\//.test(String(v))) {
      errors.push(
        `${where}: placeholder ${k}: ${v} is relative; file locations cannot resolve it, inline the content`,
      );
    }
    findPlaceholders(v, where);
  }
}

function yamlFiles(dir) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

for (const entry of entryPoints) load(join(root, entry));

for (const { file, where, entity } of loaded) {
  const namespace = entity.metadata?.namespace ?? 'default';
  for (const [field, defaultKind] of Object.entries(RELATIONS)) {
    const value = entity.spec?.[field];
    if (value === undefined) continue;
    for (const ref of [value].flat()) {
      const key = refKey(ref, defaultKind, namespace);
      if (!key)
        errors.push(`${where}: spec.${field} "${ref}" needs a kind prefix`);
      else if (!entities.has(key))
        errors.push(
          `${where}: spec.${field} "${ref}" does not resolve (${key})`,
        );
    }
  }
  const techdocs = entity.metadata?.annotations?.['backstage.io/techdocs-ref'];
  if (techdocs?.startsWith('dir:')) {
    const dir = resolve(dirname(file), techdocs.slice(4));
    if (!existsSync(join(dir, 'mkdocs.yml')))
      errors.push(`${where}: techdocs-ref ${techdocs} has no mkdocs.yml`);
  }
}

// Entity files under catalog/ that all.yaml does not reach would silently never be ingested.
for (const file of yamlFiles(join(root, 'catalog'))) {
  if (visitedFiles.has(file)) continue;
  const isEntityFile = YAML.parseAllDocuments(readFileSync(file, 'utf8')).some(
    d => API_VERSIONS.has(d.toJS()?.apiVersion),
  );
  if (isEntityFile)
    errors.push(`${rel(file)}: entity file not listed in catalog/all.yaml`);
}

// Templates not listed in templates/all.yaml would never be offered on the Create page.
for (const dir of readdirSync(join(root, 'templates'))) {
  const file = join(root, 'templates', dir, 'template.yaml');
  if (existsSync(file) && !visitedFiles.has(file))
    errors.push(`${rel(file)}: template not listed in templates/all.yaml`);
}

const counts = {};
for (const { entity } of loaded)
  counts[entity.kind] = (counts[entity.kind] ?? 0) + 1;
console.log(
  `check-catalog: ${loaded.length} entities in ${visitedFiles.size} files`,
  Object.entries(counts)
    .map(([k, n]) => `${k}=${n}`)
    .join(' '),
);
if (errors.length) {
  for (const error of errors) console.error(`  ✗ ${error}`);
  console.error(`check-catalog: ${errors.length} problem(s)`);
  process.exit(1);
}
console.log('check-catalog: OK');
