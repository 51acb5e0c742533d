/**
 * Portico's access policy for the permission backend.
 *
 * @packageDocumentation
 */
export { permissionModulePorticoPolicy } from './module';
export { PorticoPermissionPolicy } from './PorticoPermissionPolicy';
export { readAccessOptions } from './accessOptions';
export type { AccessOptions } from './accessOptions';
