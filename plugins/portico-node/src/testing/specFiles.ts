import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository's `specs/` folder: the upstream API specs and CRD schemas the tests validate
 * fakes against, copied in with their `specs/SOURCES.md` rows. Found by walking up from the
 * working directory (Jest runs in a package folder, scripts at the root), so no path is written
 * relative to a source file.
 */
export function specsDir(from: string = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'specs', 'SOURCES.md'))) {
      return path.join(dir, 'specs');
    }
    if (dir === path.dirname(dir)) {
      throw new Error(
        `No specs/SOURCES.md in ${from} or any folder above it: run from inside the Portico repository`,
      );
    }
  }
}

/** A file under `specs/`, e.g. `specFile('argocd', 'swagger.json')`; throws naming it when missing. */
export function specFile(...segments: string[]): string {
  const file = path.join(specsDir(), ...segments);
  if (!fs.existsSync(file)) {
    throw new Error(
      `specs/${segments.join('/')} is missing (see specs/SOURCES.md)`,
    );
  }
  return file;
}

/** A JSON spec under `specs/`, parsed. */
export function readSpecJson<T = unknown>(...segments: string[]): T {
  return JSON.parse(fs.readFileSync(specFile(...segments), 'utf8')) as T;
}
