import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  RangePreset,
  Signal,
} from '@internal/plugin-observability-common';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { AsyncContent } from '../AsyncContent/AsyncContent';
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
  return (
    <InfoCard
      title={SIGNAL_TITLES[signal]}
      variant="gridItem"
      noPadding={false}
    >
      <div data-testid={`signal-${signal}`}>
        <AsyncContent state={state} upstream="Prometheus" what="metrics">
          {response => <SignalChart response={response} />}
        </AsyncContent>
      </div>
    </InfoCard>
  );
}
