/*
 * Validators for the upstream schemas kept in the repository's specs/ (see specs/SOURCES.md):
 * Kubernetes 1.35 OpenAPI v3, External Secrets Operator v1 CRDs and the Argo CD CRDs.
 */
import path from 'node:path';
import {
  CrdSchemaValidator,
  gvkOf,
  KubernetesSchemaValidator,
  ValidationResult,
} from './kubernetesSchemas';

// Run from sources only (Jest), so __dirname is this file's directory.
// eslint-disable-next-line no-restricted-syntax
const repoRoot = path.resolve(__dirname, '../../../..');

/** specs/ at the repository's root: the upstream specs, copied in with their SOURCES.md rows. */
export const upstreamSpecsDir = path.resolve(repoRoot, 'specs');

export const ESO_CRD_FILES = [
  'external-secrets.io_externalsecrets.yaml',
  'external-secrets.io_secretstores.yaml',
  'external-secrets.io_clustersecretstores.yaml',
].map(f => path.join(upstreamSpecsDir, 'external-secrets', f));

export const ARGOCD_CRD_FILES = [
  'application-crd.yaml',
  'appproject-crd.yaml',
].map(f => path.join(upstreamSpecsDir, 'argocd', f));

/** Validates built-in kinds (Kubernetes 1.35) and ESO / Argo CD custom resources. */
export class UpstreamManifestValidator {
  constructor(
    readonly kubernetes: KubernetesSchemaValidator,
    readonly crds: CrdSchemaValidator,
  ) {}

  static load(): UpstreamManifestValidator {
    return new UpstreamManifestValidator(
      KubernetesSchemaValidator.fromDirectory(
        path.join(upstreamSpecsDir, 'kubernetes'),
      ),
      CrdSchemaValidator.fromFiles([...ESO_CRD_FILES, ...ARGOCD_CRD_FILES]),
    );
  }

  validate(object: unknown): ValidationResult {
    const gvk = gvkOf(object);
    if (this.kubernetes.hasKind(gvk)) {
      return this.kubernetes.validate(object);
    }
    if (this.crds.hasKind(gvk)) {
      return this.crds.validate(object);
    }
    return {
      valid: false,
      errors: [
        `no upstream schema for ${gvk.group}/${gvk.version} ${gvk.kind}`,
      ],
    };
  }
}
