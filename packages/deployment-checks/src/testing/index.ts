/*
 * Schema validators for other packages' tests: `@internal/deployment-checks/testing`.
 */
export * from './kubernetesSchemas';
export * from './upstreamSchemas';
export { isRecord, readYamlDocuments } from './yamlDocuments';
