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
export { makeFakeApplication, fakeRevision } from './testing/fakeApplications';
export {
  fakeRevisionMetadata,
  fakeCommitMessage,
  fakeCommitAuthor,
  FAKE_COMMIT_AUTHORS,
} from './testing/fakeCommits';
export type { FakeRevisionMetadata } from './testing/fakeCommits';
export {
  beginSync,
  completeSync,
  newGitTarget,
  setHealth,
} from './testing/fakeOperations';
export type { FakeAppSpec, FakeApplication } from './testing/fakeApplications';
