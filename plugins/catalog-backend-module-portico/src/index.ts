/**
 * Portico's catalog rules: the routes that change the catalog accept users, not service
 * principals; developers register only their own teams' Components, APIs and Resources, and are
 * told which location and why when they may not delete one; two Users may not share an email.
 *
 * @packageDocumentation
 */
export { catalogModulePortico, CATALOG_USER_ONLY_ROUTES } from './module';
export { createLocationDeleteGate } from './locations/createLocationDeleteGate';
export {
  checkDeveloperRegistration,
  DEVELOPER_REGISTRABLE_KINDS,
} from './registration/checkRegistration';
export { createRegistrationGate } from './registration/createRegistrationGate';
export {
  UniqueUserEmailProcessor,
  CatalogDatabaseUserEmailIndex,
} from './processors/UniqueUserEmailProcessor';
export type { UserEmailIndex } from './processors/UniqueUserEmailProcessor';
