/**
 * Test helpers for other packages' tests.
 *
 * @packageDocumentation
 */
export { compliantServiceObjects } from './testing/serviceObjects';
