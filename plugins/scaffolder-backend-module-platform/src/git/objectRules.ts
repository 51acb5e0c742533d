/*
 * What each object of a GitOps commit must look like, by the area its file sits in: the kinds
 * and apiVersions the generators build, the stamps of its service and team, and the fields that
 * decide what Argo CD, RBAC and the External Secrets Operator act on, pinned to the platform's
 * values. Every refusal names the file, the object and the field.
 */
import { TEAM_LABEL, teamProjectName } from '@internal/plugin-portico-node';
import { OWNER_ANNOTATION, SERVICE_LABEL } from '../manifests/labels';
import { SECRETS_SERVICE_ACCOUNT } from '../manifests/namespace';
import { remoteKeyRoot } from '../validation/platformRules';
import { Area, AREA_KINDS } from './commitAreas';
import { CommitPolicySettings, CommitSubject } from './commitPolicySettings';
import { Manifest } from './manifestFiles';

/** What the object rules compare against: the platform's settings and the commit's subject. */
interface ObjectScope extends Omit<CommitPolicySettings, 'reservedNamespaces'> {
  subject: CommitSubject;
  /** The owning group's name (the RoleBinding subject). */
  ownerName: string;
  /** The service's namespaces: declared by the commit or, when known, by the repository. */
  serviceNamespaces: Set<string>;
  /** Whether the repository's namespaces are known (after cloning). */
  known: boolean;
}

type Refuse = (message: string) => void;
type Spec = Record<string, any>;

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const listed = (scope: ObjectScope) =>
  [...scope.serviceNamespaces].sort().join(', ') || 'none';

const inServiceNamespace = (scope: ObjectScope, namespace: unknown) =>
  typeof namespace === 'string' &&
  (scope.serviceNamespaces.has(namespace) || !scope.known);

const notServiceNamespace = (
  scope: ObjectScope,
  field: string,
  namespace: unknown,
) =>
  `${field} "${text(namespace)}" is not a namespace of service ${
    scope.subject.service
  } (its namespaces: ${listed(scope)})`;

/** The refusals of one object of file p (each `input.files["p"]: Kind/name: ...`). */
export function checkObject(
  scope: ObjectScope,
  p: string,
  area: Area,
  o: Manifest,
): string[] {
  const problems: string[] = [];
  const where = `input.files["${p}"]: ${text(o.kind)}/${text(
    o.metadata?.name,
  )}`;
  const refuse: Refuse = message => problems.push(`${where}: ${message}`);
  const { subject } = scope;
  const allowed = AREA_KINDS[area.area];
  const kind = typeof o.kind === 'string' ? o.kind : '';
  if (!Object.prototype.hasOwnProperty.call(allowed, kind)) {
    refuse(
      `kind may not be committed here (${p} may hold ${Object.keys(
        allowed,
      ).join(', ')})`,
    );
    return problems;
  }
  if (o.apiVersion !== allowed[kind]) {
    refuse(`apiVersion must be ${allowed[kind]}`);
    return problems;
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
    return problems;
  }
  if (typeof o.metadata?.name !== 'string') {
    refuse('metadata.name is missing');
    return problems;
  }
  const object = { ...o, kind, name: o.metadata.name, labels };
  if (area.area === 'namespace') {
    namespaceDirRules(scope, p, area.namespace, object, refuse);
  } else if (area.area === 'service') {
    serviceDirRules(scope, object, refuse);
  } else if (area.area === 'application') {
    applicationRules(scope, object, refuse);
  } else {
    // The AppProject: its content is rebuilt by the commit from the repository.
    projectRules(scope, object, refuse);
  }
  return problems;
}

/** An object whose kind is allowed in its area and whose name is a string. */
type Checked = Manifest & {
  kind: string;
  name: string;
  labels: Record<string, unknown>;
};

function namespaceDirRules(
  scope: ObjectScope,
  p: string,
  namespace: string,
  o: Checked,
  refuse: Refuse,
) {
  if (!scope.serviceNamespaces.has(namespace) && scope.known) {
    refuse(
      `${p} is the directory of namespace "${namespace}", which is not a namespace of service ${
        scope.subject.service
      } (its namespaces: ${listed(scope)})`,
    );
    return;
  }
  if (o.kind === 'Namespace') {
    if (o.name !== namespace) {
      refuse(`metadata.name must be "${namespace}" (its directory)`);
    } else if (
      o.labels['pod-security.kubernetes.io/enforce'] !== 'restricted'
    ) {
      refuse(
        'metadata.labels["pod-security.kubernetes.io/enforce"] must be "restricted"',
      );
    }
    return;
  }
  if (o.metadata?.namespace !== namespace) {
    refuse(`metadata.namespace must be "${namespace}" (its directory)`);
    return;
  }
  if (o.kind === 'ServiceAccount') {
    if (
      o.name !== SECRETS_SERVICE_ACCOUNT ||
      o.automountServiceAccountToken !== false
    ) {
      refuse(
        `only the ServiceAccount ${SECRETS_SERVICE_ACCOUNT} with automountServiceAccountToken: false`,
      );
    }
  }
  if (o.kind === 'RoleBinding') {
    roleBindingRules(scope, o, refuse);
  }
}

function roleBindingRules(scope: ObjectScope, o: Checked, refuse: Refuse) {
  const roleRef = o.roleRef ?? {};
  if (
    roleRef.apiGroup !== 'rbac.authorization.k8s.io' ||
    roleRef.kind !== 'ClusterRole' ||
    roleRef.name !== scope.teamClusterRole
  ) {
    refuse(
      `roleRef must be the ClusterRole ${scope.teamClusterRole} (portico.scaffolder.teamClusterRole)`,
    );
  }
  const subjects = Array.isArray(o.subjects) ? o.subjects : [];
  if (
    subjects.length !== 1 ||
    subjects[0]?.kind !== 'Group' ||
    subjects[0]?.apiGroup !== 'rbac.authorization.k8s.io' ||
    subjects[0]?.name !== scope.ownerName ||
    Object.keys(subjects[0]).some(
      k => !['kind', 'apiGroup', 'name'].includes(k),
    )
  ) {
    refuse(
      `subjects must be exactly the team's group ${scope.ownerName} (kind Group)`,
    );
  }
}

function serviceDirRules(scope: ObjectScope, o: Checked, refuse: Refuse) {
  const namespace = o.metadata?.namespace;
  if (!inServiceNamespace(scope, namespace)) {
    refuse(notServiceNamespace(scope, 'metadata.namespace', namespace));
    return;
  }
  const spec: Spec = o.spec ?? {};
  if (o.kind === 'Service' && ![undefined, 'ClusterIP'].includes(spec.type)) {
    refuse('spec.type must be ClusterIP');
  }
  if (o.kind === 'ExternalSecret') {
    externalSecretRules(scope, spec, refuse);
  }
}

function externalSecretRules(scope: ObjectScope, spec: Spec, refuse: Refuse) {
  const store = spec.secretStoreRef ?? {};
  if (
    store.kind !== scope.secretStore.kind ||
    store.name !== scope.secretStore.name
  ) {
    refuse(
      `spec.secretStoreRef must be the platform's ${scope.secretStore.kind} ${scope.secretStore.name} (portico.scaffolder.secretStore)`,
    );
  }
  if (spec.dataFrom !== undefined) {
    refuse('spec.dataFrom is not allowed (list keys in spec.data)');
  }
  const root = remoteKeyRoot(scope.remoteKeyPrefix, scope.subject);
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

function applicationRules(scope: ObjectScope, o: Checked, refuse: Refuse) {
  const { gitops, subject } = scope;
  const spec: Spec = o.spec ?? {};
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
    o.name !== subject.service ||
    o.metadata?.namespace !== gitops.argocdNamespace
  ) {
    refuse(
      `metadata must be name ${subject.service}, namespace ${gitops.argocdNamespace}`,
    );
  }
  extra(spec, ['project', 'source', 'destination', 'syncPolicy'], 'spec');
  extra(source, ['repoURL', 'targetRevision', 'path'], 'spec.source');
  extra(destination, ['server', 'namespace'], 'spec.destination');
  const project = teamProjectName(subject.team);
  if (spec.project !== project) {
    refuse(
      `spec.project must be ${project} (the team's AppProject), not "${text(
        spec.project,
      )}"`,
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
    refuse(`spec.source.path must be ${gitops.basePath}/${subject.service}`);
  }
  if (source.targetRevision !== gitops.branch) {
    refuse(`spec.source.targetRevision must be ${gitops.branch}`);
  }
  if (destination.server !== gitops.destinationServer) {
    refuse(`spec.destination.server must be ${gitops.destinationServer}`);
  }
  if (!inServiceNamespace(scope, destination.namespace)) {
    refuse(
      notServiceNamespace(
        scope,
        'spec.destination.namespace',
        destination.namespace,
      ),
    );
  }
}

function projectRules(scope: ObjectScope, o: Checked, refuse: Refuse) {
  const project = teamProjectName(scope.subject.team);
  if (
    o.name !== project ||
    o.metadata?.namespace !== scope.gitops.argocdNamespace
  ) {
    refuse(
      `metadata must be name ${project}, namespace ${scope.gitops.argocdNamespace}`,
    );
  }
}
