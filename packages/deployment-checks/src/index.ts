/*
 * Checks that docker/, deploy/ and the app config agree with each other and with
 * the upstream schemas. The checks are the *.test.ts files next to this file and
 * run with `yarn workspace @internal/deployment-checks test`; their helpers live
 * in testing/ (other packages' tests import the schema validators from `@internal/deployment-checks/testUtils`). This package exports nothing.
 */
export {};
