import { EmptyState, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { argocdApiRef } from '../../api';

/** Where a platform team reads how to connect Argo CD (the portal's own TechDocs). */
export const ARGOCD_SETUP_DOCS = '/docs/default/component/portico/production/';

export const NOT_CONNECTED_TITLE = 'Argo CD is not connected to this portal';

const description =
  'Deployment status appears here once a platform team adds an Argo CD instance to the portal (argocd.instances in the app config).';

/**
 * The calm state of every Argo CD card and tab when the backend has no instance configured
 * (GET /api/argocd/config says `configured: false`): not an error, nothing is broken.
 * `compact` fits inside a card; otherwise a full-width empty state (tabs).
 */
export function ArgocdNotConnected(props: { compact?: boolean }) {
  const link = (
    <Link to={ARGOCD_SETUP_DOCS}>How a platform team connects Argo CD</Link>
  );
  if (props.compact) {
    return (
      <div data-testid="argocd-not-connected">
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {NOT_CONNECTED_TITLE}.
        </Typography>
        <Typography variant="body2">{link}</Typography>
      </div>
    );
  }
  return (
    <div data-testid="argocd-not-connected">
      <EmptyState
        missing="info"
        title={NOT_CONNECTED_TITLE}
        description={description}
        action={link}
      />
    </div>
  );
}

/**
 * Renders its children only when Argo CD is configured; otherwise the calm
 * {@link ArgocdNotConnected} state. Used around cards that cannot tell "not configured" apart
 * from a failure themselves (Roadie's). When the configuration cannot be read, the children
 * render, and report the problem in their own way.
 */
export function ArgocdConnectedGate(props: {
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const argocdApi = useApi(argocdApiRef);
  const { value, loading } = useAsync(() => argocdApi.getConfig(), [argocdApi]);
  if (loading) return <Progress />;
  if (value && !value.configured) {
    return <>{props.fallback ?? <ArgocdNotConnected />}</>;
  }
  return <>{props.children}</>;
}
