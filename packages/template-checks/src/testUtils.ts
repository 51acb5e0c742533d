/**
 * For benchmarks and other packages' tests: Portico's templates run through the real scaffolder
 * (a test backend and a loopback Git server holding the GitOps repository).
 *
 * @packageDocumentation
 */
export { startTemplateHarness } from './testing/scaffolderHarness';
export type {
  TemplateHarness,
  TemplateHarnessGit,
  TemplateHarnessOptions,
} from './testing/scaffolderHarness';
export type { DryRunResult, TaskResult } from './testing/backendClient';
