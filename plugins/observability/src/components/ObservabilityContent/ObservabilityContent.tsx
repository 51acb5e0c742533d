import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  SIGNALS,
  type RangePreset,
} from '@internal/plugin-observability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { CostCard } from '../CostCard/CostCard';
import { GrafanaPanels } from '../GrafanaPanels/GrafanaPanels';
import { LogsPanel } from '../LogsPanel/LogsPanel';
import { RangePicker } from '../RangePicker/RangePicker';
import { SignalPanel, signalState } from '../SignalPanel/SignalPanel';

/**
 * The Observability tab: signal charts over a chosen range (every signal in one request), Grafana
 * panels, logs and cost.
 */
export function ObservabilityContent() {
  const { entity } = useEntity();
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const [range, setRange] = useState<RangePreset>('1h');
  const api = useApi(observabilityApiRef);
  const metrics = useAsync(
    () => api.getMetrics(entityRef, SIGNALS, range),
    [api, entityRef, range],
  );
  return (
    <Grid container spacing={3}>
      <Grid
        item
        xs={12}
        style={{ display: 'flex', alignItems: 'center', gap: 16 }}
      >
        <Typography variant="body2" color="textSecondary" style={{ flex: 1 }}>
          Metrics of {entity.metadata.title ?? entity.metadata.name} from
          Prometheus, refreshed when you change the range.
        </Typography>
        <RangePicker value={range} onChange={setRange} />
      </Grid>
      {SIGNALS.map(signal => (
        <Grid item xs={12} md={6} lg={4} key={signal}>
          <SignalPanel signal={signal} state={signalState(metrics, signal)} />
        </Grid>
      ))}
      <Grid item xs={12}>
        <GrafanaPanels entityRef={entityRef} range={range} />
      </Grid>
      <Grid item xs={12} lg={8}>
        <LogsPanel entityRef={entityRef} range={range} />
      </Grid>
      <Grid item xs={12} lg={4}>
        <CostCard entityRef={entityRef} />
      </Grid>
    </Grid>
  );
}
