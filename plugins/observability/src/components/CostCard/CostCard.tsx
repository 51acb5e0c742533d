import { InfoCard, Progress } from '@backstage/core-components';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { formatMoney } from '../format';
import {
  ObservabilityNotice,
  emptyMessage,
  failureMessage,
} from '../ObservabilityNotice/ObservabilityNotice';

/** Monthly cost estimate of one service, with what it is made of. */
export function CostCard(props: { entityRef: CompoundEntityRef }) {
  const api = useApi(observabilityApiRef);
  const { entityRef } = props;
  const state = useAsync(
    () => api.getCost(entityRef),
    [api, entityRef.kind, entityRef.namespace, entityRef.name],
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
    const m = emptyMessage(state.value.empty, 'Prometheus', 'resource figures');
    body = (
      <ObservabilityNotice kind="empty" title={m.title} detail={m.detail} />
    );
  } else {
    const { monthly, inputs, currency } = state.value!;
    const money = (v: number) => formatMoney(v, currency);
    body = (
      <>
        <Typography variant="h4" component="p" aria-label="Monthly estimate">
          {money(monthly.total)}
          <Typography component="span" variant="body2" color="textSecondary">
            {' '}
            / month
          </Typography>
        </Typography>
        <Table size="small">
          <TableBody>
            <TableRow>
              <TableCell>CPU</TableCell>
              <TableCell>
                {inputs.cpuCores} cores ({inputs.cpuBasis})
              </TableCell>
              <TableCell align="right">{money(monthly.cpu)}</TableCell>
            </TableRow>
            <TableRow>
              <TableCell>Memory</TableCell>
              <TableCell>
                {inputs.memoryGiB} GiB ({inputs.memoryBasis})
              </TableCell>
              <TableCell align="right">{money(monthly.memory)}</TableCell>
            </TableRow>
            <TableRow>
              <TableCell>Volumes</TableCell>
              <TableCell>{inputs.storageGiB} GiB</TableCell>
              <TableCell align="right">{money(monthly.storage)}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </>
    );
  }
  return (
    <InfoCard
      title="Cost estimate"
      subheader="Larger of requests and usage × configured prices, plus volume size"
    >
      {body}
    </InfoCard>
  );
}
