import {
  VULNERABILITY_SEVERITIES,
  type SeverityCounts as Counts,
  type VulnerabilitySeverity,
} from '@internal/plugin-service-health-common';
import { Chip } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';

const COLORS: Record<VulnerabilitySeverity, string> = {
  CRITICAL: '#b71c1c',
  HIGH: '#e65100',
  MEDIUM: '#f9a825',
  LOW: '#546e7a',
  UNKNOWN: '#9e9e9e',
};

const useStyles = makeStyles(theme => ({
  row: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  zero: { opacity: 0.45 },
}));

export function severityColor(s: VulnerabilitySeverity): string {
  return COLORS[s];
}

/** One chip per severity ("2 critical"); zero counts stay, faded, so rows line up. */
export function SeverityCounts(props: { counts: Counts; size?: 'small' }) {
  const classes = useStyles();
  return (
    <div className={classes.row} data-testid="severity-counts">
      {VULNERABILITY_SEVERITIES.map(s => {
        const n = props.counts[s];
        return (
          <Chip
            key={s}
            size={props.size ?? 'small'}
            label={`${n} ${s.toLowerCase()}`}
            title={`${n} ${s.toLowerCase()} vulnerabilities`}
            className={n === 0 ? classes.zero : undefined}
            style={{ backgroundColor: COLORS[s], color: '#fff' }}
          />
        );
      })}
    </div>
  );
}
