/*
 * Rules that rest on the platform's config rather than on the shape of a field: reserved
 * namespaces and the secret-store prefix of a service. Refusals are InputErrors naming the field,
 * in the same form as parseInput's: `<action> refused its input: input.name: ...`.
 */
import { InputError } from '@backstage/errors';
import { reservedNamespaceReason } from '@internal/plugin-portico-node';

export function refuseInput(actionId: string, problems: string[]): never {
  throw new InputError(`${actionId} refused its input: ${problems.join('; ')}`);
}

/**
 * Refuses reserved namespaces (`default`, `kube-*`, the platform's own, config
 * `portico.reservedNamespaces`). Run first: before ownership or anything else is looked at.
 */
export function assertNotReserved(
  actionId: string,
  reserved: readonly string[],
  fields: Array<[field: string, value: string | undefined]>,
) {
  const problems = fields.flatMap(([field, value]) => {
    const reason =
      value === undefined
        ? undefined
        : reservedNamespaceReason(value, reserved);
    return reason ? [`input.${field}: ${reason}`] : [];
  });
  if (problems.length > 0) refuseInput(actionId, problems);
}

/** The only part of the secret store a service may read: `<prefix>/<team>/<service>/`. */
export function remoteKeyRoot(
  prefix: string,
  who: { team: string; service: string },
) {
  return `${prefix}/${who.team}/${who.service}/`;
}

/**
 * The full store key of a key given by a template: its tail (`stripe`, `stripe/live`) is put
 * under the service's root; a full key is accepted only when it already is under that root.
 * Returns an error fragment for any other key (another team's or service's prefix, `..`).
 */
function forcedRemoteKey(
  prefix: string,
  who: { team: string; service: string },
  key: string,
): { key: string } | { error: string } {
  const root = remoteKeyRoot(prefix, who);
  const segments = key.split('/');
  if (
    key.startsWith('/') ||
    segments.some(s => s === '' || s === '.' || s === '..')
  ) {
    return {
      error: `"${key}" must not contain empty, "." or ".." segments`,
    };
  }
  if (key.startsWith(root)) return { key };
  if (key === prefix || key.startsWith(`${prefix}/`)) {
    return {
      error: `"${key}" is outside this service's keys: give only the key's name under ${root} (e.g. "stripe")`,
    };
  }
  return { key: `${root}${key}` };
}

/** Forces every entry's remoteKey under the service's root, refusing the input otherwise. */
export function forceRemoteKeys<T extends { remoteKey: string }>(
  actionId: string,
  prefix: string,
  who: { team: string; service: string },
  entries: T[],
  field: string,
): T[] {
  const problems: string[] = [];
  const forced = entries.map((entry, index) => {
    const result = forcedRemoteKey(prefix, who, entry.remoteKey);
    if ('error' in result) {
      problems.push(`input.${field}.${index}.remoteKey: ${result.error}`);
      return entry;
    }
    return { ...entry, remoteKey: result.key };
  });
  if (problems.length > 0) refuseInput(actionId, problems);
  return forced;
}
