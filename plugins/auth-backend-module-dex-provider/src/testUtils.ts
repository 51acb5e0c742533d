/**
 * Test helpers for a real Dex-style sign-in, for other packages' integration tests: a real OIDC
 * provider (`oidc-provider`, run as a child process) and the browser-less authorization code
 * round trip through Backstage's `/api/auth/<provider>/start` and `/handler/frame`.
 *
 * @packageDocumentation
 */
export {
  startDexLikeServer,
  signInRoundTrip,
  signInAndRefresh,
  tokenClaims,
  parseFrame,
} from './testing/oidcRoundTrip';
export type {
  DexLikeServer,
  DexLikeUser,
  FrameResponse,
  RoundTripOptions,
} from './testing/oidcRoundTrip';
