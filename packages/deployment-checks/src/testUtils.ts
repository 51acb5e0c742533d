/*
 * Schema validators for other packages' tests: `@internal/deployment-checks/testUtils`.
 */
export * from './testing/kubernetesSchemas';
export * from './testing/upstreamSchemas';
export { isRecord, readYamlDocuments } from './testing/yamlDocuments';
