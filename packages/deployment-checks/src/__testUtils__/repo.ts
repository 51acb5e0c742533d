/*
 * Paths and file loading shared by the checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

/** Root of the Portico repository (this file is packages/deployment-checks/src/__testUtils__/repo.ts). */
// This package is only run from its sources by Jest (never bundled), so
// __dirname is this file's directory.
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '../../../..');

/** Upstream API specs and CRDs, kept next to the repository (see SOURCES.md there). */
export const specsDir = path.resolve(repoRoot, '../shared/specs');

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

/**
 * Parses every document of a (multi-document) YAML file; throws on the first
 * YAML error. Empty documents (e.g. a trailing `---`) are left out.
 */
export function readYamlDocuments<T = unknown>(file: string): T[] {
  const docs = parseAllDocuments(readText(file), { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const result: T[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors.map(e => e.message).join('; ')}`);
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) {
      result.push(value as T);
    }
  }
  return result;
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
