/*
 * Signing in to the e2e portal from Node (the browser signs in through browser.ts).
 *
 * guestToken(url): a Backstage token for the guest (auth.environment development; in the journeys
 * the catalog user user:default/sandbox-developer of Sandbox Team, e2e/app-config.e2e.yaml), for
 * API calls. It is @internal/local-platform's, which make start waits with too.
 */
import { readiness } from './workspace.ts';

export const { guestToken } = readiness;
