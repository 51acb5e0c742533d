/*
 * Backstage catalog entities from the YAML files of a directory.
 */
import path from 'node:path';
import { isRecord, listFiles, readYamlDocuments } from './repo';

export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  spec?: Record<string, unknown>;
}

function isEntity(value: unknown): value is Entity {
  return (
    isRecord(value) &&
    typeof value.apiVersion === 'string' &&
    value.apiVersion.startsWith('backstage.io/') &&
    typeof value.kind === 'string' &&
    isRecord(value.metadata) &&
    typeof value.metadata.name === 'string'
  );
}

/**
 * Every entity in the *.yaml / *.yml files below dir. MkDocs configurations and
 * documentation folders are skipped (they are not catalog files).
 */
export function loadCatalogEntities(dir: string): Entity[] {
  const files = listFiles(dir, file => {
    const base = path.basename(file);
    if (!/\.ya?ml$/.test(base) || /^mkdocs\.ya?ml$/.test(base)) {
      return false;
    }
    return !path.relative(dir, file).split(path.sep).includes('docs');
  });
  return files.flatMap(file => readYamlDocuments(file)).filter(isEntity);
}

/** Email of a User entity (spec.profile.email), if any. */
export function userEmail(entity: Entity): string | undefined {
  const profile = entity.spec?.profile;
  return isRecord(profile) && typeof profile.email === 'string'
    ? profile.email
    : undefined;
}
