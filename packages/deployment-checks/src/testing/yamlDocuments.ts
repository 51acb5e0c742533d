import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses every document of a (multi-document) YAML file; throws on the first
 * YAML error. Empty documents (e.g. a trailing `---`) are left out.
 */
export function readYamlDocuments<T = unknown>(file: string): T[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'), {
    prettyErrors: true,
  });
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
