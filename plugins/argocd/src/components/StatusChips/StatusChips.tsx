import Chip from '@material-ui/core/Chip';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import PauseCircleIcon from '@material-ui/icons/PauseCircleFilled';
import SyncIcon from '@material-ui/icons/Sync';
import SyncProblemIcon from '@material-ui/icons/SyncProblem';
import RemoveCircleIcon from '@material-ui/icons/RemoveCircle';
import type {
  ArgoHealthStatus,
  ArgoSyncStatus,
} from '@internal/plugin-argocd-common';
import type { ReactElement } from 'react';

type Tone = 'ok' | 'warning' | 'error' | 'progress' | 'neutral';

const useStyles = makeStyles<Theme, { tone: Tone }>(theme => {
  const colour = (tone: Tone) =>
    ({
      ok: theme.palette.success.main,
      warning: theme.palette.warning.dark,
      error: theme.palette.error.main,
      progress: theme.palette.info.main,
      neutral: theme.palette.text.secondary,
    }[tone]);
  return {
    chip: {
      borderColor: ({ tone }) => colour(tone),
      color: ({ tone }) => colour(tone),
      fontWeight: 500,
      margin: 0,
    },
    icon: { color: ({ tone }) => colour(tone) },
    label: {
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      color: ({ tone }) => colour(tone),
      fontSize: '0.8125rem',
      fontWeight: 500,
      lineHeight: 1.5,
      whiteSpace: 'nowrap',
      '& svg': { fontSize: '1rem' },
    },
  };
});

function StatusChip(props: {
  label: string;
  tone: Tone;
  icon: ReactElement;
  title: string;
  compact?: boolean;
}) {
  const classes = useStyles({ tone: props.tone });
  if (props.compact) {
    return (
      <span className={classes.label} title={props.title}>
        {props.icon}
        {props.label}
      </span>
    );
  }
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.label}
      title={props.title}
      icon={props.icon}
      classes={{ root: classes.chip, icon: classes.icon }}
    />
  );
}

const syncTone: Record<ArgoSyncStatus, Tone> = {
  Synced: 'ok',
  OutOfSync: 'warning',
  Unknown: 'neutral',
};

const syncIcon: Record<ArgoSyncStatus, ReactElement> = {
  Synced: <SyncIcon />,
  OutOfSync: <SyncProblemIcon />,
  Unknown: <HelpIcon />,
};

/** Argo CD's sync status as a small chip: Synced (green), OutOfSync (amber), Unknown (grey). */
export function SyncStatusChip(props: {
  status?: ArgoSyncStatus;
  /** Icon and text only, for table cells. */
  compact?: boolean;
}) {
  const status = props.status ?? 'Unknown';
  const icon = syncIcon[status] ?? <HelpIcon />;
  return (
    <StatusChip
      label={status === 'OutOfSync' ? 'Out of sync' : status}
      tone={syncTone[status] ?? 'neutral'}
      icon={icon}
      title={`Sync status: ${status}`}
      compact={props.compact}
    />
  );
}

const healthTone: Record<ArgoHealthStatus, Tone> = {
  Healthy: 'ok',
  Progressing: 'progress',
  Degraded: 'error',
  Suspended: 'neutral',
  Missing: 'warning',
  Unknown: 'neutral',
};

const healthIcon: Record<ArgoHealthStatus, ReactElement> = {
  Healthy: <CheckCircleIcon />,
  Progressing: <SyncIcon />,
  Degraded: <ErrorIcon />,
  Suspended: <PauseCircleIcon />,
  Missing: <RemoveCircleIcon />,
  Unknown: <HelpIcon />,
};

/** Argo CD's health status as a small chip, coloured by severity. */
export function HealthStatusChip(props: {
  status?: ArgoHealthStatus;
  /** Icon and text only, for table cells. */
  compact?: boolean;
}) {
  const status = props.status ?? 'Unknown';
  return (
    <StatusChip
      label={status}
      tone={healthTone[status] ?? 'neutral'}
      icon={healthIcon[status] ?? <HelpIcon />}
      title={`Health: ${status}`}
      compact={props.compact}
    />
  );
}
