import type { Entity } from '@backstage/catalog-model';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_SELECTOR,
} from '@internal/plugin-argocd-common';

/** True when the entity names Argo CD applications (`argocd/app-name` or `argocd/app-selector`). */
export function hasArgocdAnnotation(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ARGOCD_ANNOTATION_APP_NAME]?.trim() ||
      annotations[ARGOCD_ANNOTATION_APP_SELECTOR]?.trim(),
  );
}
