/**
 * Test and local-development helpers: the loopback Git server (git http-backend with its own
 * token issuer) and fakes of the servers that cannot run here.
 */
export { startLoopbackGitServer } from './testing/loopbackGitServer';
export type {
  LoopbackGitServer,
  LoopbackGitServerOptions,
} from './testing/loopbackGitServer';
export { LoopbackTokenIssuer } from './testing/loopbackTokens';
export type { LoopbackTokenGrant } from './testing/loopbackTokens';
export { startFakeKubeApiServer } from './testing/fakeKubeApiServer';
export type { FakeKubeApiServer } from './testing/fakeKubeApiServer';
export { startFakeGitHubApi } from './testing/fakeGitHubApi';
export type { FakeGitHubApi } from './testing/fakeGitHubApi';
