import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import LaunchIcon from '@material-ui/icons/Launch';
import type { ProvisioningRunDetail } from '@internal/plugin-provisioning-common';
import { RunStatus } from '../RunStatus/RunStatus';
import { formatTime } from './formatTime';
import { stepsOf } from './stepsOf';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'grid',
    gridTemplateColumns: '8rem 8.5rem 1fr',
    gap: theme.spacing(2),
    alignItems: 'baseline',
    padding: theme.spacing(1, 0),
    borderLeft: `2px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(2),
  },
  step: { fontWeight: 600 },
  links: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(0.5),
  },
  link: { display: 'inline-flex', alignItems: 'center', gap: 4 },
}));

/** What the portal did before the workflow took over: the delivery to the webhook. */
function DeliveryLine({ run }: { run: ProvisioningRunDetail }) {
  const { delivery } = run;
  if (delivery.deliveredAt) {
    return (
      <Typography variant="body2" color="textSecondary">
        Delivered to Argo Events {formatTime(delivery.deliveredAt)}
        {delivery.attempts > 1 ? ` after ${delivery.attempts} attempts` : ''}.
      </Typography>
    );
  }
  if (run.status === 'failed') return null;
  return (
    <Typography variant="body2" color="textSecondary">
      {delivery.attempts === 0
        ? 'Waiting to be delivered to Argo Events.'
        : `Delivery to Argo Events: attempt ${delivery.attempts} failed (${
            delivery.lastError ?? 'unknown error'
          }); next try ${
            delivery.nextAttemptAt ? formatTime(delivery.nextAttemptAt) : 'soon'
          }.`}
    </Typography>
  );
}

/** The steps the workflow reported, in the order they started: latest status, times, links. */
export function RunTimeline({ run }: { run: ProvisioningRunDetail }) {
  const classes = useStyles();
  return (
    <Box>
      <DeliveryLine run={run} />
      {run.events.length === 0 ? (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          No step reported yet.
        </Typography>
      ) : (
        <ol className={classes.list} aria-label="Timeline">
          {stepsOf(run.events).map(step => (
            <li key={step.step} className={classes.item}>
              <Typography variant="body2" className={classes.step}>
                {step.step}
              </Typography>
              <RunStatus status={step.status} />
              <Box>
                <Typography variant="body2">{step.message ?? ''}</Typography>
                <Typography variant="caption" color="textSecondary">
                  {step.startedAt === step.updatedAt
                    ? formatTime(step.startedAt)
                    : `${formatTime(step.startedAt)} → ${formatTime(
                        step.updatedAt,
                      )}`}
                </Typography>
                {step.resources.length > 0 && (
                  <Box className={classes.links}>
                    {step.resources.map(r => (
                      <Link key={r.url} to={r.url} className={classes.link}>
                        {r.title}
                        <LaunchIcon fontSize="inherit" />
                      </Link>
                    ))}
                  </Box>
                )}
              </Box>
            </li>
          ))}
        </ol>
      )}
    </Box>
  );
}
