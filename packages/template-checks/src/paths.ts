import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';

/** Repository root (this package is packages/template-checks). */
export const repoRoot = resolvePackagePath(
  '@internal/template-checks',
  '..',
  '..',
);
/** templates/ at the repository root. */
export const templatesDir = resolve(repoRoot, 'templates');
