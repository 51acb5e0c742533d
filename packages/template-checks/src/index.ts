/*
 * Checks for Portico's software templates (templates/ at the repository root): the skeletons render
 * and build for every stack, and every template runs through the real scaffolder against the
 * loopback Git server. The checks are the *.test.ts files beside this file; bench/templates uses
 * the runner of the `./testUtils` entry; the journeys' loopback Git server seeds its GitOps repository with
 * the Git helpers.
 */
export * from './paths';
export { authedUrl, seedRepo } from './gitClient';
