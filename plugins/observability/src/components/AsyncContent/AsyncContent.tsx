import { Progress } from '@backstage/core-components';
import type { EmptyReason } from '@internal/plugin-observability-common';
import type { AsyncState } from 'react-use/esm/useAsync';
import {
  FailureNotice,
  ObservabilityNotice,
  emptyMessage,
} from '../ObservabilityNotice/ObservabilityNotice';

/** What an empty answer tells the user. */
export interface EmptyNotice {
  title: string;
  detail: string;
}

/**
 * The one loading / error / empty / data ladder of every observability view: a progress bar
 * while loading, a calm notice for a failure (who failed, in words) or for an empty answer (why
 * there is nothing, from its `empty` reason), else `children` with the answer.
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
  children: (value: T) => JSX.Element;
}) {
  const { state, upstream, what } = props;
  if (state.loading) {
    return <Progress />;
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
  if (empty) {
    return (
      <ObservabilityNotice
        kind="empty"
        title={empty.title}
        detail={empty.detail}
      />
    );
  }
  return props.children(value);
}
