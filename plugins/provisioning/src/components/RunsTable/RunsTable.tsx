import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ProvisioningRun } from '@internal/plugin-provisioning-common';
import { RunStatus } from '../RunStatus/RunStatus';
import { formatShortTime } from '../RunTimeline/formatTime';

/** `group:default/payments-team` -> `payments-team` (the full ref is the cell's title). */
function shortRef(ref?: string): string {
  return ref ? ref.replace(/^[^:]+:(default\/)?/, '') : '—';
}

/** The runs, newest first; a click selects one. */
export function RunsTable(props: {
  runs: ProvisioningRun[];
  selectedId?: string;
  onSelect(id: string): void;
  showEntity?: boolean;
}) {
  const { runs, selectedId, onSelect, showEntity = true } = props;
  return (
    <Table size="small" aria-label="Provisioning runs">
      <TableHead>
        <TableRow>
          <TableCell>Status</TableCell>
          <TableCell>{showEntity ? 'Run' : 'Template'}</TableCell>
          <TableCell>Team</TableCell>
          <TableCell>Started</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map(run => (
          <TableRow
            key={run.id}
            hover
            selected={run.id === selectedId}
            onClick={() => onSelect(run.id)}
            style={{ cursor: 'pointer' }}
            aria-selected={run.id === selectedId}
          >
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <RunStatus status={run.status} />
            </TableCell>
            <TableCell>
              <Typography variant="body2">{run.template}</Typography>
              {showEntity && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  title={run.entityRef}
                >
                  {run.entityRef}
                </Typography>
              )}
            </TableCell>
            <TableCell title={run.owner}>{shortRef(run.owner)}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }} title={run.createdAt}>
              {formatShortTime(run.createdAt)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
