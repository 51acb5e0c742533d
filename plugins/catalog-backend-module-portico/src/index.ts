/**
 * Portico's catalog rules: developers register only their own teams' Components, APIs and
 * Resources; two Users may not share an email.
 *
 * @packageDocumentation
 */
export { catalogModulePortico } from './module';
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
