import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_SELECTOR,
  ARGOCD_ANNOTATION_INSTANCE_NAME,
} from '@internal/plugin-argocd-common';

function annotationSnippet(name: string) {
  return `metadata:
  annotations:
    ${ARGOCD_ANNOTATION_APP_NAME}: ${name}
    # or every application with these labels:
    # ${ARGOCD_ANNOTATION_APP_SELECTOR}: app.kubernetes.io/part-of=${name}
    # optional, to look on one instance only:
    # ${ARGOCD_ANNOTATION_INSTANCE_NAME}: prod`;
}

/** The entity names no Argo CD application. */
export function NoArgocdAnnotation(props: { entityName: string }) {
  return (
    <EmptyState
      missing="field"
      title="No Argo CD application annotation"
      description={`Add the ${ARGOCD_ANNOTATION_APP_NAME} (or ${ARGOCD_ANNOTATION_APP_SELECTOR}) annotation to this entity's catalog-info.yaml to see its deployments here.`}
      action={
        <CodeSnippet
          language="yaml"
          text={annotationSnippet(props.entityName)}
          showCopyCodeButton
        />
      }
    />
  );
}

/** Annotated, but no reachable instance has a matching application. */
export function NoArgocdApplication(props: {
  annotations: {
    appName?: string;
    appSelector?: string;
    instanceName?: string;
  };
}) {
  const { appName, appSelector, instanceName } = props.annotations;
  const what = appName
    ? `an application named ${appName}`
    : `applications matching ${appSelector}`;
  return (
    <EmptyState
      missing="data"
      title="No matching Argo CD application"
      description={
        <Typography variant="body1" component="span">
          {`No Argo CD instance${
            instanceName ? ` (looked on ${instanceName})` : ''
          } has ${what}. Check the annotation, or whether the application has been created yet.`}
        </Typography>
      }
    />
  );
}
