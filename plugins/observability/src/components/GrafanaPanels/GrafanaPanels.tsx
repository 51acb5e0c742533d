import { InfoCard, Link, Progress } from '@backstage/core-components';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  GrafanaPanel,
  GrafanaPanelsResponse,
  RangePreset,
} from '@internal/plugin-observability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import OpenInNew from '@material-ui/icons/OpenInNew';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { AsyncContent, type EmptyNotice } from '../AsyncContent/AsyncContent';
import {
  FailureNotice,
  emptyMessage,
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
    return <FailureNotice error={state.error} upstream="Grafana" />;
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

/** Why a panels answer shows no panel: Grafana not set up, no namespaces, or none chosen. */
function panelsEmptyNotice(
  value: GrafanaPanelsResponse,
): EmptyNotice | undefined {
  if (value.empty === 'not-configured' || value.empty === 'no-namespaces') {
    return emptyMessage(value.empty, 'Grafana', 'dashboards');
  }
  if (!value.panels.length) {
    return {
      title: 'No panels chosen for this service',
      detail:
        'Add portico.io/grafana-panel-ids (e.g. 2:Requests,4:Latency) next to grafana/dashboard-url to embed panels here.',
    };
  }
  return undefined;
}

/** The panels of a dashboard, each as a single panel: Grafana's own page, or an image. */
function PanelGrid(props: { panels: GrafanaPanel[] }) {
  return (
    <Grid container spacing={2}>
      {props.panels.map(panel => (
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
      <AsyncContent
        state={state}
        upstream="Grafana"
        what="dashboards"
        emptyNotice={panelsEmptyNotice}
      >
        {value => <PanelGrid panels={value.panels} />}
      </AsyncContent>
    </InfoCard>
  );
}
