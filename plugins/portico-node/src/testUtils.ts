/**
 * Test helpers for other packages' tests: fake kube-apiservers with the real response shapes.
 *
 * @packageDocumentation
 */
export {
  startFakeApiServer,
  statusObject,
  notServed,
} from './testing/fakeApiServer';
export type { FakeApiServer, FakeApiReply } from './testing/fakeApiServer';
export {
  startFakeNamespaceApiServer,
  namespaceObject,
} from './testing/fakeNamespaceApiServer';
export type { FakeNamespaceApiServer } from './testing/fakeNamespaceApiServer';
