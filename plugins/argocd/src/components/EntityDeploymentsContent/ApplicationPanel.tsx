import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import WarningIcon from '@material-ui/icons/Warning';
import type {
  ArgoApplicationDetail,
  ArgoInstanceState,
  EntityArgoDetail,
} from '@internal/plugin-argocd-common';
import { instanceBannerText } from '../InstanceBanners';
import { formatAge } from '../relativeTime';
import { ApplicationActions } from '../ActionButtons';
import { ApplicationFacts } from '../ApplicationFacts';
import { HealthStatusChip, SyncStatusChip } from '../StatusChips';
import { HistoryTable } from './HistoryTable';
import { ResourcesTable } from './ResourcesTable';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    flexWrap: 'wrap',
  },
  headerAction: { alignSelf: 'center', margin: 0 },
  stale: {
    borderColor: theme.palette.warning.dark,
    color: theme.palette.warning.dark,
    '& svg': { color: theme.palette.warning.dark },
  },
  summary: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
  },
}));

/** Everything about one Argo CD application of the entity. */
export function ApplicationPanel(props: {
  entityRef: string;
  app: ArgoApplicationDetail;
  permissions: EntityArgoDetail['actions'];
  /** State of the app's instance: a stale one marks the app's data as old. */
  instance?: ArgoInstanceState;
  onAction: () => void;
}) {
  const { entityRef, app, permissions, instance, onAction } = props;
  const stale = instance?.status === 'stale';
  const classes = useStyles();
  return (
    <Card data-testid={`argocd-app-${app.instance}-${app.name}`}>
      <CardHeader
        title={app.name}
        subheader={`Argo CD instance ${app.instance} · ${app.appNamespace}`}
        classes={{ action: classes.headerAction }}
        action={
          <Button
            href={app.uiUrl}
            target="_blank"
            rel="noopener noreferrer"
            endIcon={<OpenInNewIcon />}
            size="small"
          >
            Open in Argo CD
          </Button>
        }
      />
      <Divider />
      <CardContent>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <div className={classes.summary}>
              <div className={classes.chips}>
                <SyncStatusChip status={app.syncStatus} />
                <HealthStatusChip status={app.healthStatus} />
                {stale && (
                  <Tooltip title={instanceBannerText(instance!) ?? ''}>
                    <Chip
                      size="small"
                      variant="outlined"
                      icon={<WarningIcon />}
                      className={classes.stale}
                      label={`stale, ${
                        instance!.ageSeconds === undefined
                          ? 'age unknown'
                          : formatAge(instance!.ageSeconds)
                      }`}
                    />
                  </Tooltip>
                )}
              </div>
              <ApplicationActions
                entityRef={entityRef}
                app={app}
                permissions={permissions}
                onDone={onAction}
              />
            </div>
          </Grid>
          <Grid item xs={12}>
            <ApplicationFacts app={app} />
          </Grid>
          <Grid item xs={12}>
            <HistoryTable history={app.history} />
          </Grid>
          <Grid item xs={12}>
            <ResourcesTable
              resources={app.resources}
              fetchedAt={app.resourcesFetchedAt}
            />
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
}
