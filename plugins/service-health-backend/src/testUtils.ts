/**
 * Test utilities of the service-health backend, for other packages' tests, journeys and the
 * local platform: a fake GitHub REST API (validated against GitHub's OpenAPI description in
 * FakeGithub.test.ts) and repositories for it.
 *
 * @packageDocumentation
 */
export { FakeGithub } from './testing/FakeGithub';
export type { FakeGithubOptions, FakeRepoSpec } from './testing/FakeGithub';
export { fakeRepository } from './testing/fakeRepos';
export type { FakeRepositoryOptions } from './testing/fakeRepos';
export { fakeSha } from './testing/githubObjects';
export type { FakeCommitSpec } from './testing/githubObjects';
export type { FakeAlertSpec, FakeRunSpec } from './testing/githubRunObjects';
export { startFakeCluster } from './testing/fakeCluster';
export type { FakeCluster, FakeObject } from './testing/fakeCluster';
export {
  deployment,
  replicaSet,
  vulnerabilityReport,
} from './testing/clusterObjects';
export type { FakeVulnerability } from './testing/clusterObjects';
