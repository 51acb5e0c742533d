import { InfoCard } from '@backstage/core-components';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type { CostResponse } from '@internal/plugin-observability-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { AsyncContent } from '../AsyncContent/AsyncContent';
import { formatMoney } from '../format';

/** The monthly total, and per resource what it is made of. */
export function CostBreakdown(props: { cost: CostResponse }) {
  const { monthly, inputs, currency } = props.cost;
  const money = (v: number) => formatMoney(v, currency);
  const rows: Array<[string, string, number]> = [
    ['CPU', `${inputs.cpuCores} cores (${inputs.cpuBasis})`, monthly.cpu],
    [
      'Memory',
      `${inputs.memoryGiB} GiB (${inputs.memoryBasis})`,
      monthly.memory,
    ],
    ['Volumes', `${inputs.storageGiB} GiB`, monthly.storage],
  ];
  return (
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
          {rows.map(([resource, basis, amount]) => (
            <TableRow key={resource}>
              <TableCell>{resource}</TableCell>
              <TableCell>{basis}</TableCell>
              <TableCell align="right">{money(amount)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** Monthly cost estimate of one service, with what it is made of. */
export function CostCard(props: { entityRef: CompoundEntityRef }) {
  const api = useApi(observabilityApiRef);
  const { entityRef } = props;
  const state = useAsync(
    () => api.getCost(entityRef),
    [api, entityRef.kind, entityRef.namespace, entityRef.name],
  );
  return (
    <InfoCard
      title="Cost estimate"
      subheader="Larger of requests and usage × configured prices, plus volume size"
    >
      <AsyncContent state={state} upstream="Prometheus" what="resource figures">
        {cost => <CostBreakdown cost={cost} />}
      </AsyncContent>
    </InfoCard>
  );
}
