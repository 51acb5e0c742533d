import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';

/** The kinds a developer may register; everything else comes from the platform's sources. */
export const DEVELOPER_REGISTRABLE_KINDS = ['Component', 'API', 'Resource'];

const REGISTRABLE = new Set(
  DEVELOPER_REGISTRABLE_KINDS.map(k => k.toLocaleLowerCase('en-US')),
);

/** The Location entity the catalog generates for the registered target itself. */
function isRootLocation(entity: Entity, type: string, target: string): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'location' &&
    entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION] ===
      `${type}:${target}` &&
    (entity.spec as { target?: unknown } | undefined)?.target === target
  );
}

/**
 * Decides a developer's registration from the entities the catalog would ingest (a dry run of
 * the location): each must be a Component, API or Resource whose `spec.owner` is one of the
 * developer's groups. Throws `NotAllowedError` naming the first entity that is not, and why.
 */
export function checkDeveloperRegistration(options: {
  type: string;
  target: string;
  entities: Entity[];
  userEntityRef: string;
  ownershipEntityRefs: string[];
}): { entityRefs: string[]; owners: string[] } {
  const mine = new Set(options.ownershipEntityRefs);
  const groups = options.ownershipEntityRefs.filter(r => r.startsWith('group:'));
  const entityRefs: string[] = [];
  const owners = new Set<string>();
  for (const entity of options.entities) {
    if (isRootLocation(entity, options.type, options.target)) {
      continue;
    }
    const ref = stringifyEntityRef(entity);
    if (!REGISTRABLE.has(entity.kind.toLocaleLowerCase('en-US'))) {
      throw new NotAllowedError(
        `${ref}: you may register only ${DEVELOPER_REGISTRABLE_KINDS.join(
          ', ',
        )} entities; a ${
          entity.kind
        } comes only from the catalog sources the platform configures (ask a Portico admin)`,
      );
    }
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof owner !== 'string' || owner.trim() === '') {
      throw new NotAllowedError(`${ref}: spec.owner is missing`);
    }
    let ownerRef: string;
    try {
      ownerRef = stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      );
    } catch {
      throw new NotAllowedError(
        `${ref}: spec.owner "${owner}" is not an entity reference`,
      );
    }
    if (!ownerRef.startsWith('group:') || !mine.has(ownerRef)) {
      throw new NotAllowedError(
        `${ref}: spec.owner ${ownerRef} is not one of your groups (${
          groups.length > 0 ? groups.join(', ') : 'you are in none'
        }); you (${
          options.userEntityRef
        }) may register entities only with one of your own groups as owner`,
      );
    }
    entityRefs.push(ref);
    owners.add(ownerRef);
  }
  return { entityRefs, owners: [...owners] };
}
