import { ObjectMeta, PodSpec, ServiceObjects } from '../objects/schemas';
import { workloadFailure, workloadsOf } from '../objects/workloads';
import { FailedObject } from '../types';
import { outcome, PolicyCheck } from './check';

/** The External Secrets Operator's label on every Secret an ExternalSecret manages. */
export const ESO_MANAGED_LABEL = 'reconcile.external-secrets.io/managed';

/** Secrets Kubernetes or other controllers write, which no ExternalSecret could replace. */
function isSystemSecret(secret: { metadata: ObjectMeta; type?: string }) {
  const { labels = {}, annotations = {}, name } = secret.metadata;
  return (
    secret.type === 'kubernetes.io/service-account-token' ||
    annotations['kubernetes.io/service-account.name'] !== undefined ||
    secret.type === 'helm.sh/release.v1' ||
    (labels.owner === 'helm' && name.startsWith('sh.helm.release.v1.')) ||
    annotations['cert-manager.io/certificate-name'] !== undefined
  );
}

const key = (namespace: string | undefined, name: string) =>
  `${namespace ?? ''}/${name}`;

/** namespace/name of every Secret an ExternalSecret writes (target.name, else its own name). */
function externalSecretTargets(objects: ServiceObjects): Set<string> {
  return new Set(
    objects.externalSecrets.map(es =>
      key(es.metadata.namespace, es.spec?.target?.name ?? es.metadata.name),
    ),
  );
}

/**
 * Owned by an ExternalSecret (creationPolicy Owner: ESO's controller ownerReference), or labelled
 * managed by ESO and the target of one of the namespace's ExternalSecrets (creationPolicy Merge).
 */
function fromExternalSecret(
  secret: { metadata: ObjectMeta },
  targets: Set<string>,
): boolean {
  const {
    ownerReferences = [],
    labels = {},
    namespace,
    name,
  } = secret.metadata;
  const owned = ownerReferences.some(
    o =>
      o.kind === 'ExternalSecret' &&
      o.apiVersion.startsWith('external-secrets.io/'),
  );
  const merged =
    labels[ESO_MANAGED_LABEL] === 'true' && targets.has(key(namespace, name));
  return owned || merged;
}

function secretNamesOf(pod: PodSpec): string[] {
  const containers = [...(pod.initContainers ?? []), ...pod.containers];
  const names = [
    ...containers.flatMap(c => [
      ...(c.env ?? []).map(e => e.valueFrom?.secretKeyRef?.name),
      ...(c.envFrom ?? []).map(e => e.secretRef?.name),
    ]),
    ...(pod.volumes ?? []).map(v => v.secret?.secretName),
    ...(pod.imagePullSecrets ?? []).map(s => s.name),
  ];
  return [...new Set(names.filter((n): n is string => Boolean(n)))];
}

/**
 * Every Secret of the namespaces comes from an ExternalSecret, and every Secret a pod template
 * uses is one an ExternalSecret writes (for manifests, where the Secrets do not exist yet).
 */
export const secretsCheck: PolicyCheck = {
  id: 'portico:secrets-external',
  title: 'Secrets only through ExternalSecret',
  severity: 'critical',
  howToFix:
    'Put the value in the secret store and declare an ExternalSecret (external-secrets.io/v1, creationPolicy Owner) whose target is the Secret the pod uses; then delete the hand-made Secret. A Secret applied from a file or kubectl lives outside the store: it is not rotated, audited or revoked with it.',
  evaluate(objects) {
    const failures: FailedObject[] = [];
    const targets = externalSecretTargets(objects);
    const secrets = objects.secrets.filter(s => !isSystemSecret(s));
    const known = new Map(
      objects.secrets.map(s => [key(s.metadata.namespace, s.metadata.name), s]),
    );
    for (const s of secrets) {
      if (!fromExternalSecret(s, targets)) {
        failures.push({
          kind: 'Secret',
          namespace: s.metadata.namespace,
          name: s.metadata.name,
          message: 'not written by an ExternalSecret',
        });
      }
    }
    let references = 0;
    for (const w of workloadsOf(objects)) {
      for (const name of secretNamesOf(w.podSpec)) {
        references++;
        const k = key(w.namespace, name);
        // A Secret that exists was judged above; one that does not must be an ExternalSecret's target.
        if (!known.has(k) && !targets.has(k)) {
          failures.push(
            workloadFailure(
              w,
              `uses Secret ${name}, which no ExternalSecret writes`,
            ),
          );
        }
      }
    }
    return outcome(secrets.length + references, failures);
  },
};
