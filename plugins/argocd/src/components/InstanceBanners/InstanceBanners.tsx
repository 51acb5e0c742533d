import Alert from '@material-ui/lab/Alert';
import { makeStyles } from '@material-ui/core/styles';
import type { ArgoInstanceState } from '@internal/plugin-argocd-common';
import { formatAge } from '../relativeTime';

const useStyles = makeStyles(theme => ({
  banner: { marginBottom: theme.spacing(1) },
}));

/** The banner text for an instance whose data is not fresh, or undefined when it is fine. */
export function instanceBannerText(
  instance: ArgoInstanceState,
): string | undefined {
  const why = instance.error ? ` — ${instance.error}` : '';
  switch (instance.status) {
    case 'stale':
      return `Argo CD instance ${instance.name}: stale, ${
        instance.ageSeconds === undefined
          ? 'age unknown'
          : formatAge(instance.ageSeconds)
      }${why}. Showing the last data it returned.`;
    case 'error':
      return `Argo CD instance ${instance.name}: no data yet${why}.`;
    case 'not-configured':
      return `Argo CD instance ${instance.name} (from the argocd/instance-name annotation) is not configured in Portico.`;
    default:
      return undefined;
  }
}

/**
 * One warning per Argo CD instance that is stale, erroring or unknown. Data from the other
 * instances (and the last good data of a stale one) is shown below it as usual.
 */
export function InstanceBanners(props: { instances: ArgoInstanceState[] }) {
  const classes = useStyles();
  return (
    <>
      {props.instances.map(instance => {
        const text = instanceBannerText(instance);
        if (!text) return null;
        return (
          <Alert
            key={instance.name}
            severity={instance.status === 'not-configured' ? 'info' : 'warning'}
            className={classes.banner}
            data-testid={`argocd-instance-banner-${instance.name}`}
          >
            {text}
          </Alert>
        );
      })}
    </>
  );
}
