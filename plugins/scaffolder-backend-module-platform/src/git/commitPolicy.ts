/*
 * What portico:gitops:commit accepts: only the kinds the manifest actions build, each in its
 * place (service directory, namespace directory, Application file, the team's AppProject file),
 * in one of the service's own namespaces, with the fields that decide what Argo CD, RBAC and the
 * External Secrets Operator act on pinned to the platform's values. Anything else is refused
 * before a byte is pushed, naming the file and the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  reservedNamespaceReason,
  TEAM_LABEL,
  teamOfGroupRef,
  teamProjectName,
} from '@internal/plugin-portico-node';
import { parseAllDocuments } from 'yaml';
import { GitopsSettings } from '../settings';
import { TEAM_NAMESPACED_KINDS } from '../manifests/argocdApplication';
import { OWNER_ANNOTATION, SERVICE_LABEL } from '../manifests/labels';
import { SECRETS_SERVICE_ACCOUNT } from '../manifests/namespace';
import { remoteKeyRoot } from '../validation/platformRules';
import { DNS_LABEL } from '../validation/fields';

export interface CommitPolicySettings {
  gitops: Pick<
    GitopsSettings,
    | 'basePath'
    | 'applicationsPath'
    | 'projectsPath'
    | 'namespacesPath'
    | 'argocdNamespace'
    | 'destinationServer'
    | 'sourceRepos'
    | 'branch'
  >;
  teamClusterRole: string;
  secretStore: { kind: string; name: string };
  remoteKeyPrefix: string;
  reservedNamespaces: string[];
}

/** Who the commit is for: the service, its owning group and that group's team name. */
export interface CommitSubject {
  service: string;
  ownerRef: string;
  team: string;
}

/** A Namespace manifest found in the GitOps repository. */
export interface RepoNamespace {
  name: string;
  /** Its `portico.io/team` label (or, for manifests older than the label, its owner's team). */
  team?: string;
  service?: string;
  path: string;
}

type Manifest = {
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

/** Where a file sits decides what it may hold. */
type Area =
  | { area: 'service' }
  | { area: 'namespace'; namespace: string }
  | { area: 'application' }
  | { area: 'project' };

/** apiVersion of each kind the generators build, per place in the repository. */
export const SERVICE_DIR_KINDS: Record<string, string> = {
  Deployment: 'apps/v1',
  Service: 'v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  ExternalSecret: 'external-secrets.io/v1',
};
export const NAMESPACE_DIR_KINDS: Record<string, string> = {
  Namespace: 'v1',
  ServiceAccount: 'v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ResourceQuota: 'v1',
  LimitRange: 'v1',
  NetworkPolicy: 'networking.k8s.io/v1',
};
const AREA_KINDS: Record<Area['area'], Record<string, string>> = {
  service: SERVICE_DIR_KINDS,
  namespace: NAMESPACE_DIR_KINDS,
  application: { Application: 'argoproj.io/v1alpha1' },
  project: { AppProject: 'argoproj.io/v1alpha1' },
};

// The team's AppProject must allow exactly what a service directory may hold.
const whitelisted = TEAM_NAMESPACED_KINDS.map(k => k.kind).sort();
if (
  JSON.stringify(whitelisted) !==
  JSON.stringify(Object.keys(SERVICE_DIR_KINDS).sort())
) {
  throw new Error(
    'TEAM_NAMESPACED_KINDS and SERVICE_DIR_KINDS must list the same kinds',
  );
}

const isYamlFile = (name: string) => /^[A-Za-z0-9_.-]+\.ya?ml$/.test(name);

export function areaOf(
  gitops: CommitPolicySettings['gitops'],
  subject: Pick<CommitSubject, 'service' | 'team'>,
  p: string,
): Area | undefined {
  const under = (dir: string) =>
    p.startsWith(`${dir}/`) ? p.slice(dir.length + 1) : undefined;
  const inService = under(`${gitops.basePath}/${subject.service}`);
  if (inService !== undefined && isYamlFile(inService)) {
    return { area: 'service' };
  }
  const inNamespaces = under(gitops.namespacesPath);
  if (inNamespaces !== undefined) {
    const [namespace, file, ...rest] = inNamespaces.split('/');
    if (
      rest.length === 0 &&
      file &&
      isYamlFile(file) &&
      DNS_LABEL.test(namespace) &&
      namespace.length <= 63
    ) {
      return { area: 'namespace', namespace };
    }
  }
  if (p === `${gitops.applicationsPath}/${subject.service}.yaml`) {
    return { area: 'application' };
  }
  if (p === `${gitops.projectsPath}/${teamProjectName(subject.team)}.yaml`) {
    return { area: 'project' };
  }
  return undefined;
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

function walkYaml(dir: string, root: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    if (entry.name === '.git') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walkYaml(full, root);
    return entry.isFile() && /\.ya?ml$/.test(entry.name)
      ? [path.relative(root, full).split(path.sep).join('/')]
      : [];
  });
}

/** The team of a Namespace manifest: its team label, else (older manifests) its owner's team. */
function teamOfManifest(object: Manifest): string | undefined {
  const label = object.metadata?.labels?.[TEAM_LABEL];
  if (typeof label === 'string') return label;
  const owner = object.metadata?.annotations?.[OWNER_ANNOTATION];
  return typeof owner === 'string' ? teamOfGroupRef(owner) : undefined;
}

/** Every Namespace manifest of the checked-out GitOps repository. */
export function scanNamespaces(dir: string): RepoNamespace[] {
  const found: RepoNamespace[] = [];
  for (const p of walkYaml(dir, dir)) {
    const objects = manifestsOf(fs.readFileSync(path.join(dir, p), 'utf8'));
    for (const object of objects ?? []) {
      if (
        object.kind !== 'Namespace' ||
        typeof object.metadata?.name !== 'string'
      ) {
        continue;
      }
      const service = object.metadata.labels?.[SERVICE_LABEL];
      found.push({
        name: object.metadata.name,
        team: teamOfManifest(object),
        service: typeof service === 'string' ? service : undefined,
        path: p,
      });
    }
  }
  return found;
}

export interface CommitCheck {
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

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

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
  const { gitops } = settings;
  const problems: string[] = [];
  const held: string[] = [];
  const ownerName = parseEntityRef(subject.ownerRef).name;
  const parsed: Array<{ p: string; area: Area; objects: Manifest[] }> = [];

  for (const [p, content] of Object.entries(files)) {
    const area = areaOf(gitops, subject, p);
    if (!area) {
      problems.push(
        `input.files["${p}"]: outside ${gitops.basePath}/${
          subject.service
        }/*.yaml, ${gitops.namespacesPath}/<namespace>/*.yaml, ${
          gitops.applicationsPath
        }/${subject.service}.yaml and ${gitops.projectsPath}/${teamProjectName(
          subject.team,
        )}.yaml`,
      );
      continue;
    }
    const objects = manifestsOf(content);
    if (!objects) {
      problems.push(`input.files["${p}"]: not YAML manifests`);
      continue;
    }
    parsed.push({ p, area, objects });
  }

  // The namespaces the commit declares, then the service's namespaces.
  const newNamespaces = new Map<string, string>();
  for (const { p, area, objects } of parsed) {
    for (const o of objects) {
      if (
        area.area === 'namespace' &&
        o.kind === 'Namespace' &&
        o.metadata?.name === area.namespace
      ) {
        newNamespaces.set(area.namespace, p);
      }
    }
  }
  const known = repoNamespaces !== undefined;
  const serviceNamespaces = new Set(newNamespaces.keys());
  for (const ns of repoNamespaces ?? []) {
    if (ns.service === subject.service && ns.team === subject.team) {
      serviceNamespaces.add(ns.name);
    }
  }
  const listed = () => [...serviceNamespaces].sort().join(', ') || 'none';
  const inServiceNamespace = (namespace: unknown) =>
    typeof namespace === 'string' &&
    (serviceNamespaces.has(namespace) || !known);

  for (const [namespace, p] of newNamespaces) {
    const reason = reservedNamespaceReason(
      namespace,
      settings.reservedNamespaces,
    );
    if (reason) {
      problems.push(`input.files["${p}"]: metadata.name: ${reason}`);
      continue;
    }
    for (const other of repoNamespaces ?? []) {
      if (other.name !== namespace) continue;
      if (other.team !== subject.team) {
        held.push(
          `input.files["${p}"]: namespace "${namespace}" is held by ${
            other.team ? `team ${other.team}` : 'no team (no portico.io/team)'
          } (${other.path}); choose another name`,
        );
      } else if (other.service !== subject.service) {
        held.push(
          `input.files["${p}"]: namespace "${namespace}" belongs to service ${other.service} of team ${other.team} (${other.path}); a namespace belongs to one service`,
        );
      }
    }
  }

  for (const { p, area, objects } of parsed) {
    const allowed = AREA_KINDS[area.area];
    for (const o of objects) {
      const name = text(o.metadata?.name);
      const where = `input.files["${p}"]: ${text(o.kind)}/${name}`;
      const refuse = (message: string) => problems.push(`${where}: ${message}`);
      const kind = typeof o.kind === 'string' ? o.kind : '';
      if (!Object.prototype.hasOwnProperty.call(allowed, kind)) {
        refuse(
          `kind may not be committed here (${p} may hold ${Object.keys(
            allowed,
          ).join(', ')})`,
        );
        continue;
      }
      if (o.apiVersion !== allowed[kind]) {
        refuse(`apiVersion must be ${allowed[kind]}`);
        continue;
      }
      // Every object carries the stamps of its service and team.
      const labels = o.metadata?.labels ?? {};
      const annotations = o.metadata?.annotations ?? {};
      if (
        (kind !== 'AppProject' && labels[SERVICE_LABEL] !== subject.service) ||
        labels[TEAM_LABEL] !== subject.team ||
        annotations[OWNER_ANNOTATION] !== subject.ownerRef
      ) {
        refuse(
          `metadata: every object must be labelled ${
            kind === 'AppProject' ? '' : `${SERVICE_LABEL}=${subject.service}, `
          }${TEAM_LABEL}=${subject.team} and annotated ${OWNER_ANNOTATION}=${
            subject.ownerRef
          } (build it with a portico manifest action)`,
        );
        continue;
      }
      if (typeof o.metadata?.name !== 'string') {
        refuse('metadata.name is missing');
        continue;
      }
      const namespace = o.metadata?.namespace;
      const spec = (o.spec ?? {}) as Record<string, any>;

      if (area.area === 'namespace') {
        if (!serviceNamespaces.has(area.namespace) && known) {
          refuse(
            `${p} is the directory of namespace "${
              area.namespace
            }", which is not a namespace of service ${
              subject.service
            } (its namespaces: ${listed()})`,
          );
          continue;
        }
        if (kind === 'Namespace') {
          if (o.metadata.name !== area.namespace) {
            refuse(`metadata.name must be "${area.namespace}" (its directory)`);
          } else if (
            labels['pod-security.kubernetes.io/enforce'] !== 'restricted'
          ) {
            refuse(
              'metadata.labels["pod-security.kubernetes.io/enforce"] must be "restricted"',
            );
          }
          continue;
        }
        if (namespace !== area.namespace) {
          refuse(
            `metadata.namespace must be "${area.namespace}" (its directory)`,
          );
          continue;
        }
        if (kind === 'ServiceAccount') {
          if (
            o.metadata.name !== SECRETS_SERVICE_ACCOUNT ||
            o.automountServiceAccountToken !== false
          ) {
            refuse(
              `only the ServiceAccount ${SECRETS_SERVICE_ACCOUNT} with automountServiceAccountToken: false`,
            );
          }
        }
        if (kind === 'RoleBinding') {
          const roleRef = o.roleRef ?? {};
          if (
            roleRef.apiGroup !== 'rbac.authorization.k8s.io' ||
            roleRef.kind !== 'ClusterRole' ||
            roleRef.name !== settings.teamClusterRole
          ) {
            refuse(
              `roleRef must be the ClusterRole ${settings.teamClusterRole} (portico.scaffolder.teamClusterRole)`,
            );
          }
          const subjects = Array.isArray(o.subjects) ? o.subjects : [];
          if (
            subjects.length !== 1 ||
            subjects[0]?.kind !== 'Group' ||
            subjects[0]?.apiGroup !== 'rbac.authorization.k8s.io' ||
            subjects[0]?.name !== ownerName ||
            Object.keys(subjects[0]).some(
              k => !['kind', 'apiGroup', 'name'].includes(k),
            )
          ) {
            refuse(
              `subjects must be exactly the team's group ${ownerName} (kind Group)`,
            );
          }
        }
        continue;
      }

      if (area.area === 'service') {
        if (!inServiceNamespace(namespace)) {
          refuse(
            `metadata.namespace "${text(
              namespace,
            )}" is not a namespace of service ${
              subject.service
            } (its namespaces: ${listed()})`,
          );
          continue;
        }
        if (
          kind === 'Service' &&
          ![undefined, 'ClusterIP'].includes(spec.type)
        ) {
          refuse('spec.type must be ClusterIP');
        }
        if (kind === 'ExternalSecret') {
          const store = spec.secretStoreRef ?? {};
          if (
            store.kind !== settings.secretStore.kind ||
            store.name !== settings.secretStore.name
          ) {
            refuse(
              `spec.secretStoreRef must be the platform's ${settings.secretStore.kind} ${settings.secretStore.name} (portico.scaffolder.secretStore)`,
            );
          }
          if (spec.dataFrom !== undefined) {
            refuse('spec.dataFrom is not allowed (list keys in spec.data)');
          }
          const root = remoteKeyRoot(settings.remoteKeyPrefix, subject);
          (Array.isArray(spec.data) ? spec.data : []).forEach(
            (entry: any, index: number) => {
              const key = entry?.remoteRef?.key;
              if (entry?.sourceRef !== undefined) {
                refuse(`spec.data[${index}].sourceRef is not allowed`);
              }
              if (
                typeof key !== 'string' ||
                !key.startsWith(root) ||
                key.split('/').some(s => s === '..' || s === '.' || s === '')
              ) {
                refuse(
                  `spec.data[${index}].remoteRef.key "${text(
                    key,
                  )}" must be under ${root}`,
                );
              }
            },
          );
        }
        continue;
      }

      if (area.area === 'application') {
        const source = spec.source ?? {};
        const destination = spec.destination ?? {};
        const extra = (
          object: Record<string, unknown>,
          keys: string[],
          field: string,
        ) =>
          Object.keys(object)
            .filter(k => !keys.includes(k))
            .forEach(k => refuse(`${field}.${k} is not allowed`));
        if (
          o.metadata.name !== subject.service ||
          namespace !== gitops.argocdNamespace
        ) {
          refuse(
            `metadata must be name ${subject.service}, namespace ${gitops.argocdNamespace}`,
          );
        }
        extra(spec, ['project', 'source', 'destination', 'syncPolicy'], 'spec');
        extra(source, ['repoURL', 'targetRevision', 'path'], 'spec.source');
        extra(destination, ['server', 'namespace'], 'spec.destination');
        if (spec.project !== teamProjectName(subject.team)) {
          refuse(
            `spec.project must be ${teamProjectName(
              subject.team,
            )} (the team's AppProject), not "${text(spec.project)}"`,
          );
        }
        if (!gitops.sourceRepos.includes(source.repoURL)) {
          refuse(
            `spec.source.repoURL "${text(
              source.repoURL,
            )}" is not an allowed repository (portico.scaffolder.gitops.sourceRepos: ${gitops.sourceRepos.join(
              ', ',
            )})`,
          );
        }
        if (source.path !== `${gitops.basePath}/${subject.service}`) {
          refuse(
            `spec.source.path must be ${gitops.basePath}/${subject.service}`,
          );
        }
        if (source.targetRevision !== gitops.branch) {
          refuse(`spec.source.targetRevision must be ${gitops.branch}`);
        }
        if (destination.server !== gitops.destinationServer) {
          refuse(`spec.destination.server must be ${gitops.destinationServer}`);
        }
        if (!inServiceNamespace(destination.namespace)) {
          refuse(
            `spec.destination.namespace "${text(
              destination.namespace,
            )}" is not a namespace of service ${
              subject.service
            } (its namespaces: ${listed()})`,
          );
        }
        continue;
      }

      // The AppProject: its content is rebuilt by the commit from the repository.
      if (
        o.metadata.name !== teamProjectName(subject.team) ||
        namespace !== gitops.argocdNamespace
      ) {
        refuse(
          `metadata must be name ${teamProjectName(subject.team)}, namespace ${
            gitops.argocdNamespace
          }`,
        );
      }
    }
  }
  return {
    problems,
    held,
    newNamespaces: [...newNamespaces.keys()].sort(),
    namespaceFiles: Object.fromEntries(newNamespaces),
    serviceNamespaces: [...serviceNamespaces].sort(),
  };
}

/**
 * Reserved namespaces anywhere in a commit's files (a namespace directory, a Namespace, an
 * object's namespace, an Application's or AppProject's destination): checked first, before
 * ownership or anything else. Argo CD objects themselves live in the Argo CD namespace.
 */
export function reservedInFiles(
  settings: Pick<CommitPolicySettings, 'gitops' | 'reservedNamespaces'>,
  files: Record<string, string>,
): string[] {
  const problems: string[] = [];
  const check = (p: string, field: string, value: unknown) => {
    const reason =
      typeof value === 'string'
        ? reservedNamespaceReason(value, settings.reservedNamespaces)
        : undefined;
    if (reason) problems.push(`input.files["${p}"]: ${field}: ${reason}`);
  };
  for (const [p, content] of Object.entries(files)) {
    const prefix = `${settings.gitops.namespacesPath}/`;
    if (p.startsWith(prefix)) {
      check(p, 'directory', p.slice(prefix.length).split('/')[0]);
    }
    for (const o of manifestsOf(content) ?? []) {
      if (o.apiVersion === 'argoproj.io/v1alpha1') {
        check(p, 'spec.destination.namespace', o.spec?.destination?.namespace);
        (Array.isArray(o.spec?.destinations)
          ? o.spec.destinations
          : []
        ).forEach((d: any, i: number) =>
          check(p, `spec.destinations[${i}].namespace`, d?.namespace),
        );
      } else if (o.kind === 'Namespace') {
        check(p, 'metadata.name', o.metadata?.name);
      } else {
        check(p, 'metadata.namespace', o.metadata?.namespace);
      }
    }
  }
  return [...new Set(problems)];
}
