import { stringify } from 'yaml';

/** One object → YAML text. Objects are data: no string is ever spliced into YAML. */
export function toYaml(object: unknown): string {
  return stringify(object, { lineWidth: 0, sortMapEntries: false });
}

export interface ManifestFile {
  path: string;
  object: object;
}

export function toFiles(files: ManifestFile[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) {
    if (out[f.path] !== undefined) {
      throw new Error(`two objects would be written to ${f.path}`);
    }
    out[f.path] = toYaml(f.object);
  }
  return out;
}
