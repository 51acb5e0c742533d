/*
 * What portico:gitops:commit accepts: only the kinds the manifest actions build, each in its
 * place (commitAreas.ts), in one of the service's own namespaces, with the fields that decide
 * what Argo CD, RBAC and the External Secrets Operator act on pinned to the platform's values
 * (objectRules.ts). Namespaces another team or service holds are refused here. Anything else is
 * refused before a byte is pushed, naming the file and the field.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import { reservedNamespaceReason } from '@internal/plugin-portico-node';
import { CommitPolicySettings, CommitSubject } from './commitPolicySettings';
import { Area, areaOf, outsideAreas } from './commitAreas';
import { Manifest, manifestsOf, RepoNamespace } from './manifestFiles';
import { checkObject } from './objectRules';

interface CommitCheck {
  /** Refusals of the content itself (InputError). */
  problems: string[];
  /** Namespaces of this commit that the repository says another team or service holds (ConflictError). */
  held: string[];
  /** Namespaces this commit declares (Namespace objects). */
  newNamespaces: string[];
  /** The file declaring each of newNamespaces. */
  namespaceFiles: Record<string, string>;
  /** The service's namespaces: declared here or, when the repository is known, there. */
  serviceNamespaces: string[];
}

type ParsedFile = { p: string; area: Area; objects: Manifest[] };

/** The files with their areas and objects; a file outside every area or not YAML is refused. */
function parseFiles(
  gitops: CommitPolicySettings['gitops'],
  subject: CommitSubject,
  files: Record<string, string>,
  problems: string[],
): ParsedFile[] {
  const parsed: ParsedFile[] = [];
  for (const [p, content] of Object.entries(files)) {
    const area = areaOf(gitops, subject, p);
    if (!area) {
      problems.push(`input.files["${p}"]: ${outsideAreas(gitops, subject)}`);
      continue;
    }
    const objects = manifestsOf(content);
    if (!objects) {
      problems.push(`input.files["${p}"]: not YAML manifests`);
      continue;
    }
    parsed.push({ p, area, objects });
  }
  return parsed;
}

/** The namespaces the commit declares (a Namespace in its own directory) → their file. */
function declaredNamespaces(parsed: ParsedFile[]): Map<string, string> {
  const declared = new Map<string, string>();
  for (const { p, area, objects } of parsed) {
    for (const o of objects) {
      if (
        area.area === 'namespace' &&
        o.kind === 'Namespace' &&
        o.metadata?.name === area.namespace
      ) {
        declared.set(area.namespace, p);
      }
    }
  }
  return declared;
}

/** Refusals of declared namespaces that are reserved (problems) or held by others (held). */
function checkDeclared(
  settings: CommitPolicySettings,
  subject: CommitSubject,
  declared: Map<string, string>,
  repoNamespaces: RepoNamespace[] | undefined,
  out: { problems: string[]; held: string[] },
) {
  for (const [namespace, p] of declared) {
    const reason = reservedNamespaceReason(
      namespace,
      settings.reservedNamespaces,
    );
    if (reason) {
      out.problems.push(`input.files["${p}"]: metadata.name: ${reason}`);
      continue;
    }
    for (const other of repoNamespaces ?? []) {
      if (other.name !== namespace) continue;
      if (other.team !== subject.team) {
        out.held.push(
          `input.files["${p}"]: namespace "${namespace}" is held by ${
            other.team ? `team ${other.team}` : 'no team (no portico.io/team)'
          } (${other.path}); choose another name`,
        );
      } else if (other.service !== subject.service) {
        out.held.push(
          `input.files["${p}"]: namespace "${namespace}" belongs to service ${other.service} of team ${other.team} (${other.path}); a namespace belongs to one service`,
        );
      }
    }
  }
}

/**
 * Checks the files of a commit. Without `repoNamespaces` (before cloning) the service's
 * namespaces are those the commit declares, and objects in other namespaces are checked again
 * once the repository is known.
 */
export function checkCommitFiles(
  settings: CommitPolicySettings,
  subject: CommitSubject,
  files: Record<string, string>,
  repoNamespaces?: RepoNamespace[],
): CommitCheck {
  const problems: string[] = [];
  const held: string[] = [];
  const parsed = parseFiles(settings.gitops, subject, files, problems);
  const declared = declaredNamespaces(parsed);
  const serviceNamespaces = new Set(declared.keys());
  for (const ns of repoNamespaces ?? []) {
    if (ns.service === subject.service && ns.team === subject.team) {
      serviceNamespaces.add(ns.name);
    }
  }
  checkDeclared(settings, subject, declared, repoNamespaces, {
    problems,
    held,
  });
  const scope = {
    ...settings,
    subject,
    ownerName: parseEntityRef(subject.ownerRef).name,
    serviceNamespaces,
    known: repoNamespaces !== undefined,
  };
  for (const { p, area, objects } of parsed) {
    for (const o of objects) {
      problems.push(...checkObject(scope, p, area, o));
    }
  }
  return {
    problems,
    held,
    newNamespaces: [...declared.keys()].sort(),
    namespaceFiles: Object.fromEntries(declared),
    serviceNamespaces: [...serviceNamespaces].sort(),
  };
}
