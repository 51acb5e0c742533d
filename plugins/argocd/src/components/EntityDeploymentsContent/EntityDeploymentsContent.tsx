import { Progress, WarningPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { useArgocdEntity } from '../../hooks/useArgocdEntity';
import { hasArgocdAnnotation } from '../../hasArgocdAnnotation';
import { describeError } from '../describeError';
import { NoArgocdAnnotation, NoArgocdApplication } from '../EmptyStates';
import { ArgocdNotConnected } from '../NotConnected';
import { InstanceBanners } from '../InstanceBanners';
import { ApplicationPanel } from './ApplicationPanel';

/** Inner part, once the entity is known to carry an Argo CD annotation. */
function Deployments(props: { entityRef: string; entityName: string }) {
  const state = useArgocdEntity(props.entityRef);
  switch (state.kind) {
    case 'loading':
      return <Progress />;
    case 'not-configured':
      return <ArgocdNotConnected />;
    case 'error':
      return (
        <WarningPanel
          severity="warning"
          defaultExpanded
          title="Could not load deployments"
          message={describeError(state.error)}
        >
          <Button variant="outlined" size="small" onClick={state.retry}>
            Try again
          </Button>
        </WarningPanel>
      );
    default:
  }
  const { detail, retry } = state;
  if (detail.state === 'no-annotation') {
    return <NoArgocdAnnotation entityName={props.entityName} />;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InstanceBanners instances={detail.instances} />
        {detail.applications.length === 0 && (
          <NoArgocdApplication annotations={detail.annotations} />
        )}
      </Grid>
      {detail.applications.map(app => (
        <Grid item xs={12} key={`${app.instance}/${app.name}`}>
          <ApplicationPanel
            entityRef={props.entityRef}
            app={app}
            permissions={detail.actions}
            instance={detail.instances.find(i => i.name === app.instance)}
            onAction={retry}
          />
        </Grid>
      ))}
    </Grid>
  );
}

/**
 * The "Deployments" tab: per Argo CD application of the entity, sync and revision state, health,
 * last rollout, current operation, history, resources, a link into Argo CD, and (for owners)
 * Sync / Hard refresh. Instances that are stale or down get a banner; the rest shows as usual.
 */
export function EntityDeploymentsContent() {
  const { entity } = useEntity();
  if (!hasArgocdAnnotation(entity)) {
    return <NoArgocdAnnotation entityName={entity.metadata.name} />;
  }
  return (
    <Deployments
      entityRef={stringifyEntityRef(entity)}
      entityName={entity.metadata.name}
    />
  );
}
