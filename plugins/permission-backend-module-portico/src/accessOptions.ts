import { Config } from '@backstage/config';
import {
  PlatformRoleGroups,
  readPlatformRoleGroups,
} from '@internal/plugin-portico-node';

/** Who the policy treats as admin and as auditor, as group entity refs. */
export type AccessOptions = PlatformRoleGroups;

/**
 * Reads `portico.access.*`; group names may be written as refs or plain names. The reading
 * itself lives in `@internal/plugin-portico-node` (`readPlatformRoleGroups`), shared with every
 * other plugin that asks who is an admin.
 */
export function readAccessOptions(config: Config): AccessOptions {
  return readPlatformRoleGroups(config);
}
