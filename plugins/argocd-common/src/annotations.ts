/** Annotation naming one Argo CD application of an entity (exact application name). */
export const ARGOCD_ANNOTATION_APP_NAME = 'argocd/app-name';
/** Annotation with an Argo CD label selector (`key=value[,key=value]`) matching an entity's applications. */
export const ARGOCD_ANNOTATION_APP_SELECTOR = 'argocd/app-selector';
/** Optional annotation: only look on this configured Argo CD instance. */
export const ARGOCD_ANNOTATION_INSTANCE_NAME = 'argocd/instance-name';
/** Optional annotation: the namespace the Application objects live in (apps-in-any-namespace). */
export const ARGOCD_ANNOTATION_APP_NAMESPACE = 'argocd/app-namespace';
