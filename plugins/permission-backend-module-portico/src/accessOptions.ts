import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** Who the policy treats as admin and as auditor, as group entity refs. */
export interface AccessOptions {
  adminGroups: Set<string>;
  auditorGroups: Set<string>;
}

function groupRefs(values: string[] | undefined, fallback: string): Set<string> {
  return new Set(
    (values ?? [fallback]).map(value =>
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind: 'group', defaultNamespace: 'default' }),
      ),
    ),
  );
}

/** Reads `portico.access.*`; group names may be written as refs or plain names. */
export function readAccessOptions(config: Config): AccessOptions {
  return {
    adminGroups: groupRefs(
      config.getOptionalStringArray('portico.access.adminGroups'),
      'group:default/portico-admins',
    ),
    auditorGroups: groupRefs(
      config.getOptionalStringArray('portico.access.auditorGroups'),
      'group:default/auditors',
    ),
  };
}
