import { ResponseError } from '@backstage/errors';
import type { EmptyReason } from '@internal/plugin-observability-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import HourglassEmpty from '@material-ui/icons/HourglassEmpty';
import LockOutlined from '@material-ui/icons/LockOutlined';
import CloudOff from '@material-ui/icons/CloudOff';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    padding: theme.spacing(2),
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
    color: theme.palette.text.secondary,
    minHeight: 64,
  },
  icon: { marginTop: 2, color: theme.palette.text.secondary },
  offlineIcon: { marginTop: 2, color: theme.palette.warning.main },
  title: { color: theme.palette.text.primary, fontWeight: 500 },
}));

/** What to tell the user for an empty reason of the given upstream. */
export function emptyMessage(
  reason: EmptyReason,
  upstream: 'Prometheus' | 'Loki' | 'Grafana',
  what: string,
): { title: string; detail: string } {
  if (reason === 'not-configured') {
    return {
      title: `${upstream} not configured`,
      detail: `Portico has no ${upstream} connection (observability.${upstream.toLowerCase()} in app-config), so there are no ${what} to show.`,
    };
  }
  if (reason === 'no-namespaces') {
    return {
      title: 'The owning team holds no namespaces yet',
      detail: `Portico reads ${what} only from Kubernetes namespaces the platform assigns to the service's owning team (labelled portico.io/team), and it has none yet. They appear once the team's first service is deployed through Portico.`,
    };
  }
  return {
    title: `No ${what} for this service yet`,
    detail: `${upstream} has nothing for this service's labels in the chosen range. Check the backstage.io/kubernetes-id and backstage.io/kubernetes-namespace annotations, or portico.io/prometheus-selector.`,
  };
}

/**
 * The HTTP status of a failed request (a `ResponseError`), or of one signal's failure within an
 * answered one (an error with the `statusCode` its answer gave, see `signalFailureError`).
 */
function statusOf(error: Error): number | undefined {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    return (error as ResponseError).response?.status;
  }
  const code = (error as { statusCode?: unknown }).statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The message for a failed request: who failed, in words, without a red box. A 502/504 is a
 * configured upstream that is down or slow (a real outage, unlike `empty: 'not-configured'`):
 * it is named (`upstream`) and shown at warning level.
 */
export function failureMessage(
  error: Error,
  upstream?: 'Prometheus' | 'Loki' | 'Grafana',
): {
  title: string;
  detail: string;
  kind: 'locked' | 'offline' | 'info';
} {
  const status = statusOf(error);
  if (status !== undefined) {
    const e = error as Partial<ResponseError>;
    const message = e.body?.error?.message ?? error.message;
    if (status === 403) {
      return {
        title: /^Only the owners/.test(message)
          ? 'Only the owners can see this'
          : 'Refused by the platform',
        detail: message,
        kind: 'locked',
      };
    }
    if (status === 429) {
      return {
        title: 'Too many requests: try again in a moment',
        detail: message,
        kind: 'info',
      };
    }
    if (status === 502 || status === 504) {
      return {
        title: upstream
          ? `${upstream} is unreachable`
          : 'The monitoring backend did not answer',
        detail: message,
        kind: 'offline',
      };
    }
    return { title: 'Could not load this', detail: message, kind: 'info' };
  }
  return { title: 'Could not load this', detail: error.message, kind: 'info' };
}

/** A calm, informative notice: empty states, upstreams down, or access limited. */
export function ObservabilityNotice(props: {
  title: string;
  detail?: string;
  kind?: 'empty' | 'info' | 'locked' | 'offline';
}) {
  const classes = useStyles();
  const Icon = {
    empty: HourglassEmpty,
    info: InfoOutlined,
    locked: LockOutlined,
    offline: CloudOff,
  }[props.kind ?? 'info'];
  return (
    <div className={classes.root} role="status">
      <Icon
        className={
          props.kind === 'offline' ? classes.offlineIcon : classes.icon
        }
        fontSize="small"
        data-testid={`notice-${props.kind ?? 'info'}`}
      />
      <div>
        <Typography variant="body2" className={classes.title}>
          {props.title}
        </Typography>
        {props.detail && (
          <Typography variant="body2">{props.detail}</Typography>
        )}
      </div>
    </div>
  );
}

/** The notice of a failed request (see {@link failureMessage}); `title` rewords its title. */
export function FailureNotice(props: {
  error: Error;
  upstream?: 'Prometheus' | 'Loki' | 'Grafana';
  title?: (title: string) => string;
}) {
  const m = failureMessage(props.error, props.upstream);
  return (
    <ObservabilityNotice
      kind={m.kind}
      title={props.title?.(m.title) ?? m.title}
      detail={m.detail}
    />
  );
}
