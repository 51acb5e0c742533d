/*
 * Reading the GitOps repository's YAML: the objects of a file, the stamps (service, owner, team)
 * the platform writes on each, and every Namespace manifest of a checked-out repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TEAM_LABEL, teamOfGroupRef } from '@internal/plugin-portico-node';
import { parseAllDocuments } from 'yaml';
import { OWNER_ANNOTATION, SERVICE_LABEL } from '../manifests/labels';

export type Manifest = {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: {
    name?: unknown;
    namespace?: unknown;
    labels?: Record<string, unknown>;
    annotations?: Record<string, unknown>;
  };
  [key: string]: any;
};

/** A Namespace manifest found in the GitOps repository. */
export interface RepoNamespace {
  name: string;
  /** Its `portico.io/team` label (or, for manifests older than the label, its owner's team). */
  team?: string;
  service?: string;
  path: string;
}

/** What the platform stamps on every object it generates (absent when not a string). */
interface Stamp {
  service?: string;
  owner?: string;
  team?: string;
}

/** The objects of a YAML text, or undefined when it is not YAML manifests. */
export function manifestsOf(text: string): Manifest[] | undefined {
  try {
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    if (list.some(d => d.errors.length > 0)) return undefined;
    const objects = list.map(d => d.toJS() as unknown);
    if (
      objects.length === 0 ||
      objects.some(o => !o || typeof o !== 'object' || Array.isArray(o))
    ) {
      return undefined;
    }
    return objects as Manifest[];
  } catch {
    return undefined;
  }
}

const asString = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The service label, owner annotation and team label of an object. */
function stampOf(object: Manifest): Stamp {
  return {
    service: asString(object.metadata?.labels?.[SERVICE_LABEL]),
    owner: asString(object.metadata?.annotations?.[OWNER_ANNOTATION]),
    team: asString(object.metadata?.labels?.[TEAM_LABEL]),
  };
}

/** The stamps of every object of a YAML text, or undefined when it is not YAML manifests. */
export function stampsOf(text: string): Stamp[] | undefined {
  return manifestsOf(text)?.map(stampOf);
}

/** The team of an object: its team label, else (manifests older than the label) its owner's team. */
function teamOfStamp(stamp: Stamp): string | undefined {
  return stamp.team ?? teamOfGroupRef(stamp.owner);
}

/** Every file below dir (relative to root, `/`-separated) that `keep` accepts; `.git` skipped. */
export function walkFiles(
  dir: string,
  root: string,
  keep: (name: string) => boolean = () => true,
): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    if (entry.name === '.git') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walkFiles(full, root, keep);
    return entry.isFile() && keep(entry.name)
      ? [path.relative(root, full).split(path.sep).join('/')]
      : [];
  });
}

/** Every Namespace manifest of the checked-out GitOps repository. */
export function scanNamespaces(dir: string): RepoNamespace[] {
  const found: RepoNamespace[] = [];
  for (const p of walkFiles(dir, dir, name => /\.ya?ml$/.test(name))) {
    const objects = manifestsOf(fs.readFileSync(path.join(dir, p), 'utf8'));
    for (const object of objects ?? []) {
      if (
        object.kind !== 'Namespace' ||
        typeof object.metadata?.name !== 'string'
      ) {
        continue;
      }
      const stamp = stampOf(object);
      found.push({
        name: object.metadata.name,
        team: teamOfStamp(stamp),
        service: stamp.service,
        path: p,
      });
    }
  }
  return found;
}
