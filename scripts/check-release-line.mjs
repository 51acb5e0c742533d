#!/usr/bin/env node
// Fails when the @backstage/* packages do not all come from one Backstage release line:
// every @backstage package in yarn.lock must resolve to exactly one version, the one pinned in the
// root package.json `resolutions` (the 1.55 line, see docs/adr), and every workspace must ask for
// that same version.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const pinned = rootPkg.resolutions ?? {};
const problems = [];

const lock = parse(fs.readFileSync(path.join(root, 'yarn.lock'), 'utf8'));
const resolved = new Map();
for (const [key, entry] of Object.entries(lock)) {
  const m = key.match(/^"?(@backstage\/[^@]+)@/);
  if (!m || !entry?.version) continue;
  const set = resolved.get(m[1]) ?? new Set();
  set.add(String(entry.version));
  resolved.set(m[1], set);
}
for (const [name, versions] of resolved) {
  if (versions.size > 1) problems.push(`${name} resolves to several versions: ${[...versions].join(', ')}`);
  if (!pinned[name]) problems.push(`${name} is not pinned in the root package.json resolutions`);
  else if (!versions.has(pinned[name])) problems.push(`${name} resolves to ${[...versions]} but ${pinned[name]} is pinned`);
}

const workspaces = ['.', ...['packages', 'plugins'].flatMap(d =>
  fs.existsSync(path.join(root, d)) ? fs.readdirSync(path.join(root, d)).map(n => path.join(d, n)) : [],
)];
for (const ws of workspaces) {
  const file = path.join(root, ws, 'package.json');
  if (!fs.existsSync(file)) continue;
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (!name.startsWith('@backstage/') || field === 'peerDependencies') continue;
      if (range !== pinned[name]) problems.push(`${path.join(ws, 'package.json')}: ${name}@${range} differs from the pinned ${pinned[name]}`);
    }
  }
}

const line = JSON.parse(fs.readFileSync(path.join(root, 'backstage.json'), 'utf8')).version;
if (problems.length) {
  console.error(`Backstage release line ${line}: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Backstage release line ${line}: ${resolved.size} @backstage packages, one version each, all pinned`);
