import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  ArgoApplicationDetail,
  ArgoOperation,
} from '@internal/plugin-argocd-common';
import type { ReactNode } from 'react';
import { relativeTime, shortRevision } from '../relativeTime';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.75),
    margin: 0,
    alignItems: 'baseline',
  },
  label: { color: theme.palette.text.secondary, fontSize: '0.8125rem' },
  value: { margin: 0, fontSize: '0.875rem', wordBreak: 'break-word' },
  code: { fontFamily: 'monospace', fontSize: '0.8125rem' },
  ok: { color: theme.palette.success.main },
  warn: { color: theme.palette.warning.dark },
  muted: { color: theme.palette.text.secondary },
}));

function Fact(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <dt className={classes.label}>{props.label}</dt>
      <dd className={classes.value}>{props.children}</dd>
    </>
  );
}

/** "Succeeded · successfully synced · by automated · 4 min ago", or Running with its start. */
function describeOperation(op: ArgoOperation | undefined): string {
  if (!op) return 'None';
  const when =
    op.phase === 'Running' || op.phase === 'Terminating'
      ? relativeTime(op.startedAt) && `started ${relativeTime(op.startedAt)}`
      : relativeTime(op.finishedAt ?? op.startedAt);
  return [op.phase, op.message, op.initiatedBy && `by ${op.initiatedBy}`, when]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The facts of one application: what Git target it tracks, what is deployed and whether that is
 * the target, when the last successful rollout finished, and the current operation.
 */
export function ApplicationFacts(props: {
  app: ArgoApplicationDetail;
  /** Fewer rows, for the overview card. */
  compact?: boolean;
}) {
  const { app, compact } = props;
  const classes = useStyles();
  const target = shortRevision(app.targetCommit);
  const deployed = shortRevision(app.deployedRevision);
  return (
    <dl className={classes.facts}>
      <Fact label="Deployed">
        <span className={classes.code} title={app.deployedRevision}>
          {deployed ?? '—'}
        </span>{' '}
        {app.revisionInSync ? (
          <span className={classes.ok}>matches the Git target</span>
        ) : (
          <span className={classes.warn}>
            target is now{' '}
            <span className={classes.code} title={app.targetCommit}>
              {target ?? 'unknown'}
            </span>{' '}
            — not deployed yet
          </span>
        )}
      </Fact>
      <Fact label="Target">
        <span className={classes.code}>{app.targetRevision ?? 'HEAD'}</span>
        {target && (
          <span className={classes.muted}>
            {' → '}
            <span className={classes.code} title={app.targetCommit}>
              {target}
            </span>
          </span>
        )}
        {!compact && app.repoUrl && (
          <span className={classes.muted}>
            {' in '}
            {app.repoUrl}
            {app.path ? ` (${app.path})` : ''}
          </span>
        )}
      </Fact>
      <Fact label="Last rollout">
        {app.lastDeployedAt ? (
          <span title={new Date(app.lastDeployedAt).toLocaleString()}>
            {relativeTime(app.lastDeployedAt)}
          </span>
        ) : (
          'never'
        )}
      </Fact>
      <Fact label="Operation">
        <Typography variant="inherit">
          {describeOperation(app.operation)}
        </Typography>
      </Fact>
      {!compact && (
        <Fact label="Destination">
          {[
            app.destination.namespace,
            app.destination.name ?? app.destination.server,
          ]
            .filter(Boolean)
            .join(' on ') || '—'}
          {app.project ? ` · project ${app.project}` : ''}
        </Fact>
      )}
    </dl>
  );
}
