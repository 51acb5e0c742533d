import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Skeleton from '@material-ui/lab/Skeleton';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { argocdApiRef } from '../../api';
import { hasArgocdAnnotation } from '../../hasArgocdAnnotation';
import { useArgocdChanges } from '../../signals';
import { describeError } from '../describeError';
import { instanceBannerText } from '../InstanceBanners';
import { NOT_CONNECTED_TITLE } from '../NotConnected';
import { HealthStatusChip, SyncStatusChip } from '../StatusChips';

const useStyles = makeStyles(theme => ({
  cell: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
  },
  stale: {
    color: theme.palette.warning.dark,
    fontSize: '0.75rem',
    cursor: 'help',
    textDecoration: 'underline dotted',
  },
}));

const notShown = (text: string, title?: string) => (
  <Typography variant="body2" color="textSecondary" title={title}>
    {text}
  </Typography>
);

/**
 * Sync + health of an entity's Argo CD applications in one catalog row. Every row's request goes
 * through the client's batching loader, so the whole page costs one `POST /status`; when the
 * backend signals changes, the rows they touch ask again in the same tick (one more batch).
 */
export function ArgocdStatusCell(props: { entity: Entity }) {
  const { entity } = props;
  const classes = useStyles();
  const argocdApi = useApi(argocdApiRef);
  const annotated = hasArgocdAnnotation(entity);
  const entityRef = stringifyEntityRef(entity);
  // Set when a change signal asks again: that answer must not come from the client's cache.
  const signalled = useRef(false);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    if (!annotated) return undefined;
    const fresh = signalled.current;
    signalled.current = false;
    return argocdApi.getEntityStatus(entityRef, { fresh });
  }, [argocdApi, entityRef, annotated]);
  useArgocdChanges(
    value ? changes => changes.touches(value.status.applications) : undefined,
    () => {
      signalled.current = true;
      retry();
    },
  );

  if (!annotated) return notShown('—', 'No Argo CD annotation');
  // While a signalled refresh loads, the last answer stays (no skeleton flicker).
  if (loading && !value) return <Skeleton variant="text" width={100} />;
  if (error || !value) {
    return notShown('unavailable', error ? describeError(error) : undefined);
  }
  const { status, instances } = value;
  // The batch reports every configured instance: none (or only one the annotation names but the
  // portal lacks) means Argo CD is not connected at all. Calm, like a row without annotation.
  if (instances.every(i => i.status === 'not-configured')) {
    return notShown('—', NOT_CONNECTED_TITLE);
  }
  if (status.state === 'not-found') {
    return notShown(
      'no application',
      'No Argo CD application matches the annotation',
    );
  }
  if (status.state !== 'ok') return notShown('—');
  const degraded = instances.filter(i =>
    status.degradedInstances.includes(i.name),
  );
  return (
    <div className={classes.cell} data-testid="argocd-status-cell">
      <SyncStatusChip status={status.syncStatus} compact />
      <HealthStatusChip status={status.healthStatus} compact />
      {degraded.length > 0 && (
        <Tooltip
          title={degraded.map(i => instanceBannerText(i) ?? i.name).join(' ')}
        >
          <span className={classes.stale}>stale</span>
        </Tooltip>
      )}
    </div>
  );
}
