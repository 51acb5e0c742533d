import type { Entity } from '@backstage/catalog-model';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_NAMESPACE,
  ARGOCD_ANNOTATION_APP_SELECTOR,
  ARGOCD_ANNOTATION_INSTANCE_NAME,
  EntityArgoDetail,
} from '@internal/plugin-argocd-common';

export type EntityArgoAnnotations = EntityArgoDetail['annotations'];

export function readEntityAnnotations(entity: Entity): EntityArgoAnnotations {
  const a = entity.metadata.annotations ?? {};
  const pick = (key: string) => {
    const v = a[key]?.trim();
    return v ? v : undefined;
  };
  return {
    ...(pick(ARGOCD_ANNOTATION_APP_NAME)
      ? { appName: pick(ARGOCD_ANNOTATION_APP_NAME) }
      : {}),
    ...(pick(ARGOCD_ANNOTATION_APP_SELECTOR)
      ? { appSelector: pick(ARGOCD_ANNOTATION_APP_SELECTOR) }
      : {}),
    ...(pick(ARGOCD_ANNOTATION_INSTANCE_NAME)
      ? { instanceName: pick(ARGOCD_ANNOTATION_INSTANCE_NAME) }
      : {}),
    ...(pick(ARGOCD_ANNOTATION_APP_NAMESPACE)
      ? { appNamespace: pick(ARGOCD_ANNOTATION_APP_NAMESPACE) }
      : {}),
  };
}
