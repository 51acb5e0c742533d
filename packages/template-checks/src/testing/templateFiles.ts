/*
 * A template of templates/ as the scaffolder's APIs take it: its entity, and its files as the
 * dry-run API (and the template editor) sends them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import { templatesDir } from '../paths';

/** Every file of templates/<name>/ as the dry-run API wants it (the editor sends the same). */
export function templateDirectoryContents(templateName: string) {
  const root = join(templatesDir, templateName);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap(name => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(root).map(path => ({
    path: relative(root, path),
    base64Content: readFileSync(path).toString('base64'),
  }));
}

export function readTemplateEntity(templateName: string) {
  return YAML.parse(
    readFileSync(join(templatesDir, templateName, 'template.yaml'), 'utf8'),
  );
}
