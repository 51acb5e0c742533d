import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  RangePreset,
  Signal,
} from '@internal/plugin-observability-common';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import {
  ObservabilityNotice,
  emptyMessage,
  failureMessage,
} from '../ObservabilityNotice/ObservabilityNotice';
import { SignalChart } from '../SignalChart/SignalChart';
import { SIGNAL_TITLES } from '../signalLabels';

/** One chart card: loads the signal for the range and shows it, or says why there is nothing. */
export function SignalPanel(props: {
  entityRef: CompoundEntityRef;
  signal: Signal;
  range: RangePreset;
}) {
  const api = useApi(observabilityApiRef);
  const { entityRef, signal, range } = props;
  const state = useAsync(
    () => api.getSignal(entityRef, signal, range),
    [api, entityRef.kind, entityRef.namespace, entityRef.name, signal, range],
  );
  let body: JSX.Element;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    const m = failureMessage(state.error);
    body = (
      <ObservabilityNotice kind={m.kind} title={m.title} detail={m.detail} />
    );
  } else if (state.value?.empty) {
    const m = emptyMessage(state.value.empty, 'Prometheus', 'metrics');
    body = (
      <ObservabilityNotice kind="empty" title={m.title} detail={m.detail} />
    );
  } else {
    body = <SignalChart response={state.value!} />;
  }
  return (
    <InfoCard
      title={SIGNAL_TITLES[signal]}
      variant="gridItem"
      noPadding={false}
    >
      <div data-testid={`signal-${signal}`}>{body}</div>
    </InfoCard>
  );
}
