/** The parts of a catalog entity ref, as the catalog's entity page route takes them. */
export interface EntityRouteParams {
  kind: string;
  namespace: string;
  name: string;
}

const ENTITY_REF = /^([A-Za-z][A-Za-z0-9-]*):(?:([^:/\s]+)\/)?([^:/\s]+)$/;

/**
 * Reads `kind:namespace/name` or `kind:name` (namespace `default`) into entity page route
 * params, lower-casing kind and namespace as the catalog's routes do. Returns `undefined` for
 * anything else, so a plugin's free-form reference is shown as text rather than a broken link.
 */
export function parseEntityRef(ref: string): EntityRouteParams | undefined {
  const match = ENTITY_REF.exec(ref.trim());
  if (!match) {
    return undefined;
  }
  const [, kind, namespace = 'default', name] = match;
  return {
    kind: kind.toLocaleLowerCase('en-US'),
    namespace: namespace.toLocaleLowerCase('en-US'),
    name,
  };
}
