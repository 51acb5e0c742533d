/*
 * Paths and file loading shared by the checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export { isRecord, readYamlDocuments } from './yamlDocuments';

/** Root of the Portico repository (this file is packages/deployment-checks/src/testing/repo.ts). */
// This package is only run from its sources by Jest (never bundled), so
// __dirname is this file's directory.
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '../../../..');

/** Upstream API specs and CRDs, kept next to the repository (see SOURCES.md there). */
export { upstreamSpecsDir as specsDir } from './upstreamSchemas';

export function repoPath(...segments: string[]): string {
  return path.resolve(repoRoot, ...segments);
}

export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** Parses a single-document YAML file; throws on YAML errors. */
export function readYaml<T = unknown>(file: string): T {
  return parseYaml(readText(file), { prettyErrors: true }) as T;
}

/** Every file below dir (recursively) whose name matches the predicate. */
export function listFiles(
  dir: string,
  predicate: (file: string) => boolean = () => true,
): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const result: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      result.push(...listFiles(full, predicate));
    } else if (predicate(full)) {
      result.push(full);
    }
  }
  return result.sort();
}
