import { InfoCard } from '@backstage/core-components';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  LOG_LEVELS,
  type LogLevel,
  type RangePreset,
} from '@internal/plugin-observability-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { AsyncContent } from '../AsyncContent/AsyncContent';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  lines: {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
    fontSize: 12,
    maxHeight: 360,
    overflow: 'auto',
    background: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1),
    margin: 0,
  },
  line: {
    display: 'flex',
    gap: theme.spacing(1.5),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
  },
  time: { color: theme.palette.text.secondary, flexShrink: 0 },
  level: {
    width: 44,
    flexShrink: 0,
    fontWeight: 600,
    textTransform: 'uppercase',
  },
  error: { color: theme.palette.error.main },
  fatal: { color: theme.palette.error.dark },
  warn: { color: theme.palette.warning.dark },
  info: { color: theme.palette.info.main },
  debug: { color: theme.palette.text.secondary },
}));

/** Waits `ms` after the last change, so typing does not send a query per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** A logs refusal says whose logs they are. */
function ownersOnlyTitle(title: string): string {
  return title === 'Only the owners can see this'
    ? 'Logs are visible to the owners of this service'
    : title;
}

/** Recent log lines with a text and a level filter. Owners only: others are told why. */
export function LogsPanel(props: {
  entityRef: CompoundEntityRef;
  range: RangePreset;
}) {
  const classes = useStyles();
  const api = useApi(observabilityApiRef);
  const [text, setText] = useState('');
  const [level, setLevel] = useState<LogLevel | ''>('');
  const query = useDebounced(text, 400);
  const { entityRef, range } = props;
  const state = useAsync(
    () =>
      api.getLogs(entityRef, {
        range,
        query: query || undefined,
        level: level || undefined,
        limit: 200,
      }),
    [
      api,
      entityRef.kind,
      entityRef.namespace,
      entityRef.name,
      range,
      query,
      level,
    ],
  );

  const locked = state.error && (state.error as any).response?.status === 403;
  return (
    <InfoCard title="Logs" subheader="Newest first, from Loki through Portico">
      {!locked && (
        <div className={classes.filters}>
          <TextField
            id="observability-logs-text"
            label="Contains"
            size="small"
            variant="outlined"
            value={text}
            onChange={e => setText(e.target.value)}
            inputProps={{ maxLength: 200 }}
          />
          <TextField
            select
            id="observability-logs-level"
            label="Level"
            size="small"
            variant="outlined"
            value={level}
            onChange={e => setLevel(e.target.value as LogLevel | '')}
            style={{ minWidth: 140 }}
          >
            <MenuItem value="">All levels</MenuItem>
            {LOG_LEVELS.map(l => (
              <MenuItem key={l} value={l}>
                {l}
              </MenuItem>
            ))}
          </TextField>
        </div>
      )}
      <AsyncContent
        state={state}
        upstream="Loki"
        what="log lines"
        failureTitle={ownersOnlyTitle}
      >
        {logs => (
          <pre className={classes.lines} aria-label="Log lines">
            {logs.lines.map((line, i) => (
              <div key={i} className={classes.line}>
                <span className={classes.time}>
                  {new Date(line.timestamp).toLocaleTimeString()}
                </span>
                <span
                  className={`${classes.level} ${
                    (classes as any)[line.level ?? ''] ?? ''
                  }`}
                >
                  {line.level ?? ''}
                </span>
                <span>{line.line}</span>
              </div>
            ))}
          </pre>
        )}
      </AsyncContent>
    </InfoCard>
  );
}
