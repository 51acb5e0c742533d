import { Progress } from '@backstage/core-components';
import type { EmptyReason } from '@internal/plugin-observability-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import type { AsyncState } from 'react-use/esm/useAsync';
import {
  FailureNotice,
  ObservabilityNotice,
  emptyMessage,
} from '../ObservabilityNotice/ObservabilityNotice';

const useStyles = makeStyles({
  reloading: { position: 'relative' },
  // over the previous answer, taking no room: nothing below moves
  bar: { position: 'absolute', top: 0, left: 0, right: 0, height: 2 },
  stale: { opacity: 0.5, transition: 'opacity 200ms ease-in' },
});

/** What an empty answer tells the user. */
export interface EmptyNotice {
  title: string;
  detail: string;
}

/**
 * The one loading / error / empty / data ladder of every observability view. While loading: a
 * progress bar (in a box of `loadingHeight`, so the layout does not jump when the answer comes),
 * or, when a previous answer is there (the range changed), that answer dimmed under a thin bar
 * until the next replaces it. Then a calm notice for a failure (who failed, in words) or for an
 * empty answer (why there is nothing, from its `empty` reason), else `children` with the answer.
 */
export function AsyncContent<T extends { empty?: EmptyReason }>(props: {
  state: AsyncState<T>;
  /** The upstream an empty answer is about. */
  upstream: 'Prometheus' | 'Loki' | 'Grafana';
  /** What would be shown, in words ("metrics", "log lines"). */
  what: string;
  /** An answer's own empty notice, instead of the one its `empty` reason gives. */
  emptyNotice?: (value: T) => EmptyNotice | undefined;
  /** A failure's title as this view words it. */
  failureTitle?: (title: string) => string;
  /** Height kept while the first answer loads (default: the progress bar's own). */
  loadingHeight?: number;
  children: (value: T) => JSX.Element;
}) {
  const classes = useStyles();
  const { state, upstream, what } = props;
  if (state.loading && state.value === undefined) {
    return (
      <div style={{ minHeight: props.loadingHeight }}>
        <Progress />
      </div>
    );
  }
  if (state.error) {
    return (
      <FailureNotice
        error={state.error}
        upstream={upstream}
        title={props.failureTitle}
      />
    );
  }
  const value = state.value!;
  const empty = props.emptyNotice
    ? props.emptyNotice(value)
    : value.empty && emptyMessage(value.empty, upstream, what);
  const content = empty ? (
    <ObservabilityNotice
      kind="empty"
      title={empty.title}
      detail={empty.detail}
    />
  ) : (
    props.children(value)
  );
  if (!state.loading) return content;
  return (
    <div className={classes.reloading} aria-busy="true">
      <LinearProgress className={classes.bar} aria-label="Loading" />
      <div className={classes.stale}>{content}</div>
    </div>
  );
}
