import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';
import { useArgocdEntity } from '../../hooks/useArgocdEntity';
import { ApplicationFacts } from '../ApplicationFacts';
import { describeError } from '../describeError';
import { InstanceBanners } from '../InstanceBanners';
import { ArgocdNotConnected } from '../NotConnected';
import { HealthStatusChip, SyncStatusChip } from '../StatusChips';

const useStyles = makeStyles(theme => ({
  appHeader: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
    marginBottom: theme.spacing(1),
  },
  name: { fontWeight: 600, marginRight: theme.spacing(0.5) },
  instance: { color: theme.palette.text.secondary, flexGrow: 1 },
  divider: { margin: theme.spacing(2, 0) },
}));

function CardBody(props: { entityRef: string }) {
  const classes = useStyles();
  const state = useArgocdEntity(props.entityRef);
  if (state.kind === 'loading') return <Progress />;
  if (state.kind === 'not-configured') {
    return <ArgocdNotConnected compact />;
  }
  if (state.kind === 'error') {
    return (
      <Typography variant="body2" color="textSecondary">
        Deployment status unavailable: {describeError(state.error)}
      </Typography>
    );
  }
  const { detail } = state;
  return (
    <>
      <InstanceBanners instances={detail.instances} />
      {detail.applications.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No Argo CD application matches{' '}
          {detail.annotations.appName ?? detail.annotations.appSelector}.
        </Typography>
      )}
      {detail.applications.map((app, i) => (
        <Fragment key={`${app.instance}/${app.name}`}>
          {i > 0 && <Divider className={classes.divider} />}
          <Box
            className={classes.appHeader}
            data-testid={`argocd-card-app-${app.instance}-${app.name}`}
          >
            <Link
              href={app.uiUrl}
              target="_blank"
              rel="noopener noreferrer"
              className={classes.name}
            >
              {app.name}
            </Link>
            <Typography variant="body2" className={classes.instance}>
              on {app.instance}
            </Typography>
            <SyncStatusChip status={app.syncStatus} />
            <HealthStatusChip status={app.healthStatus} />
          </Box>
          <ApplicationFacts app={app} compact />
        </Fragment>
      ))}
    </>
  );
}

/** Overview card "Deployment": each Argo CD application's sync, health, revision, rollout. */
export function EntityDeploymentCard() {
  const { entity } = useEntity();
  return (
    <InfoCard
      title="Deployment"
      subheader="Argo CD"
      deepLink={{ title: 'All deployment details', link: 'deployments' }}
    >
      <CardBody entityRef={stringifyEntityRef(entity)} />
    </InfoCard>
  );
}
