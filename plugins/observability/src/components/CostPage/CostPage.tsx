import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { TeamCostResponse } from '@internal/plugin-observability-common';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDown from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRight from '@material-ui/icons/KeyboardArrowRight';
import { Fragment, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { AsyncContent } from '../AsyncContent/AsyncContent';
import { formatMoney } from '../format';

/** Teams, their monthly totals and, unfolded, their services. */
export function TeamCostTable(props: { data: TeamCostResponse }) {
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const money = (v: number) => formatMoney(v, props.data.currency);
  const grand = props.data.teams.reduce((n, t) => n + t.monthly.total, 0);
  return (
    <Table size="small" aria-label="Cost per team">
      <TableHead>
        <TableRow>
          <TableCell />
          <TableCell>Team</TableCell>
          <TableCell align="right">Services</TableCell>
          <TableCell align="right">CPU</TableCell>
          <TableCell align="right">Memory</TableCell>
          <TableCell align="right">Volumes</TableCell>
          <TableCell align="right">Total / month</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.data.teams.map(team => (
          <Fragment key={team.owner}>
            <TableRow hover>
              <TableCell padding="checkbox">
                <IconButton
                  size="small"
                  aria-label={`${
                    open[team.owner] ? 'Hide' : 'Show'
                  } services of ${team.owner}`}
                  onClick={() =>
                    setOpen(o => ({ ...o, [team.owner]: !o[team.owner] }))
                  }
                >
                  {open[team.owner] ? (
                    <KeyboardArrowDown />
                  ) : (
                    <KeyboardArrowRight />
                  )}
                </IconButton>
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={team.owner} defaultKind="group" />
              </TableCell>
              <TableCell align="right">{team.services.length}</TableCell>
              <TableCell align="right">{money(team.monthly.cpu)}</TableCell>
              <TableCell align="right">{money(team.monthly.memory)}</TableCell>
              <TableCell align="right">{money(team.monthly.storage)}</TableCell>
              <TableCell align="right">
                <strong>{money(team.monthly.total)}</strong>
              </TableCell>
            </TableRow>
            {open[team.owner] &&
              team.services.map(service => (
                <TableRow key={service.entityRef}>
                  <TableCell />
                  <TableCell style={{ paddingLeft: 32 }}>
                    <EntityRefLink
                      entityRef={service.entityRef}
                      title={service.title}
                    />
                  </TableCell>
                  <TableCell />
                  <TableCell align="right">
                    {money(service.monthly.cpu)}
                  </TableCell>
                  <TableCell align="right">
                    {money(service.monthly.memory)}
                  </TableCell>
                  <TableCell align="right">
                    {money(service.monthly.storage)}
                  </TableCell>
                  <TableCell align="right">
                    {money(service.monthly.total)}
                  </TableCell>
                </TableRow>
              ))}
          </Fragment>
        ))}
        <TableRow>
          <TableCell />
          <TableCell colSpan={5}>
            <strong>All teams</strong>
          </TableCell>
          <TableCell align="right">
            <strong>{money(grand)}</strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

/** The Cost page: monthly estimate per team, rolled up over the catalog's components. */
export function CostPage() {
  const api = useApi(observabilityApiRef);
  const state = useAsync(() => api.getTeamCosts(), [api]);
  return (
    <Page themeId="tool">
      <Header
        title="Cost"
        subtitle="Estimated monthly cost of each team's services"
      />
      <Content>
        <InfoCard>
          <Typography variant="body2" color="textSecondary" paragraph>
            Per service: CPU cores and memory (requests or usage, whichever is
            larger) for 730 hours at the configured prices, plus persistent
            volume size. Services without metrics are left out.
          </Typography>
          <AsyncContent
            state={state}
            upstream="Prometheus"
            what="resource figures"
          >
            {data => <TeamCostTable data={data} />}
          </AsyncContent>
        </InfoCard>
      </Content>
    </Page>
  );
}
