import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * TechDocs runs `mkdocs` from PATH (`techdocs.generator.runIn: local`). A pyenv/venv mkdocs may
 * not see Debian's mkdocs-material, so the portal gets a directory holding only a `mkdocs` link
 * to the system one (PORTICO_MKDOCS overrides it) first on its PATH, as the browser journeys do.
 * Returns undefined when there is no such mkdocs (TechDocs then uses whatever PATH has).
 */
export function mkdocsBinDir(
  cacheDir: string,
  mkdocs: string = process.env.PORTICO_MKDOCS ?? '/usr/bin/mkdocs',
): string | undefined {
  if (!existsSync(mkdocs)) return undefined;
  const dir = join(cacheDir, 'mkdocs-bin');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  symlinkSync(mkdocs, join(dir, 'mkdocs'));
  return dir;
}
