import { InfoCard } from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { SummaryResponse } from '@internal/plugin-observability-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { AsyncContent } from '../AsyncContent/AsyncContent';
import { formatValue } from '../format';
import { SIGNAL_TITLES } from '../signalLabels';

/** The series the card shows per signal. */
const HEADLINE: Record<string, string> = {
  cpu: 'usage',
  memory: 'usage',
  requestRate: 'rate',
  errorPercentage: 'errors',
  latency: 'p95',
  restarts: 'restarts',
};

function Sparkline(props: { values: number[]; color?: string }) {
  return (
    <ResponsiveContainer width="100%" height={32}>
      <LineChart data={props.values.map((v, i) => ({ i, v }))}>
        {/* from zero: a steady value draws flat instead of magnifying noise */}
        <YAxis hide domain={[0, (max: number) => max * 1.1 || 1]} />
        <Line
          type="monotone"
          dataKey="v"
          stroke={props.color ?? '#1f77b4'}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** The tiles of a summary: the headline value of each signal and its last hour. */
export function SummaryTiles(props: { summary: SummaryResponse }) {
  return (
    <Grid container spacing={2}>
      {props.summary.signals.map(s => {
        const headline = s.series.find(x => x.name === HEADLINE[s.signal]);
        const title = `${SIGNAL_TITLES[s.signal]}${
          s.signal === 'latency' ? ' p95' : ''
        }`;
        return (
          <Grid item xs={6} sm={4} key={s.signal}>
            <Typography variant="caption" color="textSecondary">
              {title}
            </Typography>
            <Typography variant="h6" component="p" aria-label={title}>
              {headline ? formatValue(s.unit, headline.current) : '–'}
            </Typography>
            {headline && headline.sparkline.length > 1 ? (
              <Sparkline
                values={headline.sparkline}
                color={s.signal === 'errorPercentage' ? '#d62728' : undefined}
              />
            ) : (
              <Typography variant="caption" color="textSecondary">
                {s.error ? 'unavailable' : 'no data'}
              </Typography>
            )}
          </Grid>
        );
      })}
    </Grid>
  );
}

/** Overview card: current value and a one-hour sparkline per signal, in one request. */
export function OverviewCard() {
  const { entity } = useEntity();
  const api = useApi(observabilityApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsync(
    () => api.getSummary(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  return (
    <InfoCard
      title="Service health"
      subheader="Now, and the last hour"
      variant="gridItem"
    >
      <AsyncContent state={state} upstream="Prometheus" what="metrics">
        {summary => <SummaryTiles summary={summary} />}
      </AsyncContent>
    </InfoCard>
  );
}
