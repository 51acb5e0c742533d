/**
 * Portico's access policy for the permission backend.
 *
 * @packageDocumentation
 */
export { permissionModulePorticoPolicy } from './module';
export { PorticoPermissionPolicy } from './PorticoPermissionPolicy';
