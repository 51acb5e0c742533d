import { stringifyEntityRef } from '@backstage/catalog-model';

/** Catalog entity names: 1-63 chars of [a-zA-Z0-9-_.], starting and ending alphanumerically. */
const ENTITY_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$/;

/** Options that shape how Dex group names become catalog group references. */
export interface DexGroupMappingOptions {
  /** Catalog namespace the groups live in (default `default`). */
  namespace: string;
  /**
   * A prefix that the upstream connector puts in front of every group and that the catalog
   * does not use, e.g. `my-org:` for Dex's GitHub connector (`my-org:platform-team`).
   */
  stripPrefix?: string;
}

/**
 * Reads the `groups` claim that Dex puts into the ID token and the userinfo response and turns
 * each value into a candidate group entity reference. Values that cannot be catalog names are
 * dropped rather than guessed at. Whether the groups exist is checked by the caller.
 */
export function dexGroupRefs(
  claim: unknown,
  options: DexGroupMappingOptions,
): string[] {
  if (!Array.isArray(claim)) {
    return [];
  }
  const refs = new Set<string>();
  for (const value of claim) {
    if (typeof value !== 'string') continue;
    let name = value.trim();
    if (options.stripPrefix) {
      if (!name.startsWith(options.stripPrefix)) continue;
      name = name.slice(options.stripPrefix.length);
    }
    if (!ENTITY_NAME.test(name)) continue;
    refs.add(
      stringifyEntityRef({
        kind: 'group',
        namespace: options.namespace,
        name: name.toLocaleLowerCase('en-US'),
      }),
    );
  }
  return [...refs];
}
