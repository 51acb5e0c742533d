import { InfoCard } from '@backstage/core-components';
import type {
  MetricsResponse,
  Signal,
  SignalFailure,
  SignalResponse,
} from '@internal/plugin-observability-common';
import type { AsyncState } from 'react-use/esm/useAsync';
import { AsyncContent } from '../AsyncContent/AsyncContent';
import { SignalChart } from '../SignalChart/SignalChart';
import { SIGNAL_TITLES } from '../signalLabels';

/** Height of a chart card's body (chart and legend), kept while its first answer loads. */
const CHART_BODY_HEIGHT = 212;

/** One signal's failure within an answered request, as the error its answer alone would be. */
export function signalFailureError(failure: SignalFailure): Error {
  const error = new Error(failure.message);
  error.name = failure.name;
  return Object.assign(error, { statusCode: failure.statusCode });
}

/**
 * One signal's part of the panel's request: loading while it loads (with its previous answer,
 * if any), the request's failure, or the signal's own (its queries failed while others' worked).
 */
export function signalState(
  batch: AsyncState<MetricsResponse>,
  signal: Signal,
): AsyncState<SignalResponse> {
  if (batch.error) return { loading: false, error: batch.error };
  const value = batch.value?.signals.find(s => s.signal === signal);
  if (batch.loading) {
    return { loading: true, value: value?.error ? undefined : value };
  }
  if (!value) {
    return { loading: false, error: new Error(`No answer for ${signal}`) };
  }
  if (value.error) {
    return { loading: false, error: signalFailureError(value.error) };
  }
  return { loading: false, value };
}

/** One chart card: the signal's part of the panel's one request, or why there is nothing. */
export function SignalPanel(props: {
  signal: Signal;
  state: AsyncState<SignalResponse>;
}) {
  const { signal, state } = props;
  return (
    <InfoCard
      title={SIGNAL_TITLES[signal]}
      variant="gridItem"
      noPadding={false}
    >
      <div data-testid={`signal-${signal}`}>
        <AsyncContent
          state={state}
          upstream="Prometheus"
          what="metrics"
          loadingHeight={CHART_BODY_HEIGHT}
        >
          {response => <SignalChart response={response} />}
        </AsyncContent>
      </div>
    </InfoCard>
  );
}
