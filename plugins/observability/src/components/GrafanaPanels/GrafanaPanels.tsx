import { InfoCard, Link, Progress } from '@backstage/core-components';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  GrafanaPanel,
  RangePreset,
} from '@internal/plugin-observability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import OpenInNew from '@material-ui/icons/OpenInNew';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import {
  ObservabilityNotice,
  emptyMessage,
  failureMessage,
} from '../ObservabilityNotice/ObservabilityNotice';

const PANEL_SIZE = { width: 600, height: 260 };

/** A panel rendered by Grafana and served by the backend, fetched with the user's token. */
function RenderedPanel(props: { panel: GrafanaPanel }) {
  const api = useApi(observabilityApiRef);
  const [url, setUrl] = useState<string>();
  const state = useAsync(
    () => api.getPanelImage(props.panel.src, PANEL_SIZE),
    [api, props.panel.src],
  );
  useEffect(() => {
    if (!state.value) return undefined;
    const objectUrl = URL.createObjectURL(state.value);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [state.value]);
  if (state.error) {
    const m = failureMessage(state.error);
    return (
      <ObservabilityNotice kind={m.kind} title={m.title} detail={m.detail} />
    );
  }
  if (!url) return <Progress />;
  return (
    <img
      src={url}
      alt={props.panel.title}
      style={{ width: '100%', display: 'block' }}
    />
  );
}

/** The entity's Grafana panels for the range, each as a single panel, with a dashboard link. */
export function GrafanaPanels(props: {
  entityRef: CompoundEntityRef;
  range: RangePreset;
}) {
  const api = useApi(observabilityApiRef);
  const { entityRef, range } = props;
  const state = useAsync(
    () => api.getGrafanaPanels(entityRef, range),
    [api, entityRef.kind, entityRef.namespace, entityRef.name, range],
  );
  let body: JSX.Element;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    const m = failureMessage(state.error);
    body = (
      <ObservabilityNotice kind={m.kind} title={m.title} detail={m.detail} />
    );
  } else if (
    state.value?.empty === 'not-configured' ||
    state.value?.empty === 'no-namespaces'
  ) {
    const m = emptyMessage(state.value.empty, 'Grafana', 'dashboards');
    body = (
      <ObservabilityNotice kind="empty" title={m.title} detail={m.detail} />
    );
  } else if (!state.value?.panels.length) {
    body = (
      <ObservabilityNotice
        kind="empty"
        title="No panels chosen for this service"
        detail="Add portico.io/grafana-panel-ids (e.g. 2:Requests,4:Latency) next to grafana/dashboard-url to embed panels here."
      />
    );
  } else {
    body = (
      <Grid container spacing={2}>
        {state.value.panels.map(panel => (
          <Grid item xs={12} md={6} key={panel.panelId}>
            <Typography variant="subtitle2" gutterBottom>
              {panel.title}
            </Typography>
            {panel.kind === 'iframe' ? (
              <iframe
                title={panel.title}
                src={panel.src}
                width="100%"
                height={PANEL_SIZE.height}
                style={{ border: 0 }}
                loading="lazy"
                referrerPolicy="no-referrer"
                sandbox="allow-scripts allow-same-origin"
              />
            ) : (
              <RenderedPanel panel={panel} />
            )}
          </Grid>
        ))}
      </Grid>
    );
  }
  const dashboardUrl = state.value?.dashboardUrl;
  return (
    <InfoCard
      title="Grafana"
      action={
        dashboardUrl ? (
          <Link
            to={dashboardUrl}
            style={{
              display: 'inline-flex',
              alignItems: 'center',
              gap: 4,
              margin: 16,
            }}
          >
            Open in Grafana <OpenInNew fontSize="inherit" />
          </Link>
        ) : undefined
      }
    >
      {body}
    </InfoCard>
  );
}
