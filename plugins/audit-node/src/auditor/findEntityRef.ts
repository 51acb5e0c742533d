/** Meta keys that name the entity an action is about, most specific first. */
const ENTITY_KEYS = [
  'entityRef',
  'entity',
  'targetRef',
  'target',
  'ref',
  'templateRef',
  'entityRefs',
];

const PART = '[a-z0-9](?:[a-z0-9._-]{0,250})';
const KIND = '[a-z][a-z0-9-]{0,62}';
const FULL_REF = new RegExp(`^(${KIND}):(${PART})/(${PART})$`, 'i');
const KIND_NAME_REF = new RegExp(`^(${KIND}):(${PART})$`, 'i');

function refFrom(kind: unknown, namespace: unknown, name: unknown) {
  if (typeof kind !== 'string' || typeof name !== 'string') {
    return undefined;
  }
  const ns = typeof namespace === 'string' && namespace ? namespace : 'default';
  const ref = `${kind}:${ns}/${name}`;
  return FULL_REF.test(ref) ? ref.toLocaleLowerCase('en-US') : undefined;
}

/** A ref given under an entity key: `kind:ns/name`, `kind:name`, `{kind, namespace, name}` or an entity. */
function parseNamed(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const text = value.trim();
    if (FULL_REF.test(text)) {
      return text.toLocaleLowerCase('en-US');
    }
    const short = KIND_NAME_REF.exec(text);
    return short ? refFrom(short[1], 'default', short[2]) : undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const ref = parseNamed(item);
      if (ref) {
        return ref;
      }
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const metadata = object.metadata as Record<string, unknown> | undefined;
    return metadata && typeof metadata === 'object'
      ? refFrom(object.kind, metadata.namespace, metadata.name)
      : refFrom(object.kind, object.namespace, object.name);
  }
  return undefined;
}

/**
 * `kind:namespace/name` (lower case) of a ref written `kind:namespace/name` or `kind:name`
 * (namespace `default`); `undefined` when `text` is not such a ref.
 *
 * @public
 */
export function normalizeEntityRef(text: string): string | undefined {
  return parseNamed(text);
}

/**
 * The catalog entity an audit event is about, as `kind:namespace/name` (lower case): the value
 * of the first entity key of the metadata (`entityRef`, `entity`, `targetRef`, …), else the first
 * string anywhere in it (breadth first, three levels deep) that is a full `kind:namespace/name`.
 */
export function findEntityRef(meta: unknown): string | undefined {
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) {
    return undefined;
  }
  const object = meta as Record<string, unknown>;
  for (const key of ENTITY_KEYS) {
    const ref = parseNamed(object[key]);
    if (ref) {
      return ref;
    }
  }
  let level: unknown[] = [meta];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const value of level) {
      const children = Array.isArray(value)
        ? value
        : Object.values(value as Record<string, unknown>);
      for (const child of children) {
        if (typeof child === 'string') {
          const text = child.trim();
          if (FULL_REF.test(text)) {
            return text.toLocaleLowerCase('en-US');
          }
        } else if (child && typeof child === 'object') {
          next.push(child);
        }
      }
    }
    level = next;
  }
  return undefined;
}
