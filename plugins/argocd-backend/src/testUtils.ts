/**
 * Test utilities of the Argo CD backend, for other packages' tests and benchmarks: a fake Argo CD
 * API server (validated against Argo CD's swagger) and the applications it serves.
 *
 * @packageDocumentation
 */
export { FakeArgoCd } from './testing/FakeArgoCd';
export type {
  FakeArgoCdOptions,
  FakeFault,
  FakeRoute,
} from './testing/fakeArgoCdTypes';
export {
  makeFakeApplication,
  fakeRevision,
  fakeRevisionMetadata,
} from './testing/fakeApplications';
export type { FakeAppSpec, FakeApplication } from './testing/fakeApplications';
