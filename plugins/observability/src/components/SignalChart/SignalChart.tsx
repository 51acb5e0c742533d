import type { SignalResponse } from '@internal/plugin-observability-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatTick, formatValue } from '../format';
import { SERIES_COLORS, SERIES_TITLES } from '../signalLabels';
import { chartData } from './chartData';

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: 6,
  },
  dashed: {
    borderTop: '2px dashed',
    width: 12,
    height: 0,
    marginRight: 6,
    display: 'inline-block',
    verticalAlign: 'middle',
  },
}));

/**
 * One signal over time: the measured series as area (single series) or lines (quantiles), requests
 * and limits as dashed reference lines at their latest value, and a legend with the latest values.
 */
export function SignalChart(props: {
  response: SignalResponse;
  height?: number;
}) {
  const classes = useStyles();
  const { response } = props;
  const { rows, lines, references, latest } = chartData(response);
  const unit = response.unit;
  const range = response.window.end - response.window.start;
  const maxReference = Math.max(0, ...references.map(r => r.value));
  return (
    <>
      <ResponsiveContainer width="100%" height={props.height ?? 180}>
        <ComposedChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[response.window.start, response.window.end]}
            tickFormatter={t => formatTick(t, range)}
            tick={{ fontSize: 11 }}
            minTickGap={40}
          />
          <YAxis
            width={72}
            allowDecimals={unit !== 'count'}
            tick={{ fontSize: 11 }}
            tickFormatter={v => formatValue(unit, v)}
            domain={[
              0,
              (dataMax: number) => Math.max(dataMax, maxReference) * 1.1 || 1,
            ]}
          />
          <Tooltip
            labelFormatter={t => new Date(Number(t) * 1000).toLocaleString()}
            formatter={(v: number, name: string) => [
              formatValue(unit, v),
              SERIES_TITLES[name] ?? name,
            ]}
          />
          {lines.length === 1 ? (
            <Area
              type="monotone"
              dataKey={lines[0]}
              stroke={SERIES_COLORS[lines[0]] ?? '#1f77b4'}
              fill={SERIES_COLORS[lines[0]] ?? '#1f77b4'}
              fillOpacity={0.15}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ) : (
            lines.map(name => (
              <Line
                key={name}
                type="monotone"
                dataKey={name}
                stroke={SERIES_COLORS[name] ?? '#1f77b4'}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            ))
          )}
          {references.map(r => (
            <ReferenceLine
              key={r.name}
              y={r.value}
              stroke={SERIES_COLORS[r.name]}
              strokeDasharray="6 4"
              ifOverflow="extendDomain"
              label={{
                value: r.name,
                position: 'insideTopRight',
                fontSize: 11,
                fill: SERIES_COLORS[r.name],
              }}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
      <div className={classes.legend}>
        {[...lines, ...references.map(r => r.name)].map(name => (
          <Typography key={name} variant="caption" color="textSecondary">
            {references.some(r => r.name === name) ? (
              <span
                className={classes.dashed}
                style={{ color: SERIES_COLORS[name] }}
              />
            ) : (
              <span
                className={classes.swatch}
                style={{ background: SERIES_COLORS[name] ?? '#1f77b4' }}
              />
            )}
            {SERIES_TITLES[name] ?? name}{' '}
            <strong>{formatValue(unit, latest[name])}</strong>
          </Typography>
        ))}
      </div>
    </>
  );
}
