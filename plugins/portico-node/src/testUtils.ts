/**
 * Test helpers for other packages' tests: fake kube-apiservers with the real response shapes,
 * and a test organisation's catalog file.
 *
 * @packageDocumentation
 */
export {
  startFakeApiServer,
  statusObject,
  statusReply,
  notServed,
} from './testing/fakeApiServer';
export type { FakeApiServer, FakeApiReply } from './testing/fakeApiServer';
export {
  startFakeNamespaceApiServer,
  namespaceObject,
} from './testing/fakeNamespaceApiServer';
export type { FakeNamespaceApiServer } from './testing/fakeNamespaceApiServer';
export { catalogOrgYaml } from './testing/catalogOrg';
export type { OrgUser } from './testing/catalogOrg';
export { freePort, freeStablePort } from './testing/freePort';
export { waitFor } from './testing/waitFor';
export type { WaitForOptions } from './testing/waitFor';
export { specsDir, specFile, readSpecJson } from './testing/specFiles';
export { componentEntity } from './testing/entities';
