import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ProvisioningRun } from '@internal/plugin-provisioning-common';
import { RunStatus } from '../RunStatus/RunStatus';
import { formatTime } from '../RunTimeline/formatTime';

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
          <TableCell>Template</TableCell>
          {showEntity && <TableCell>Entity</TableCell>}
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
            <TableCell>
              <RunStatus status={run.status} />
            </TableCell>
            <TableCell>{run.template}</TableCell>
            {showEntity && <TableCell>{run.entityRef}</TableCell>}
            <TableCell>{run.owner ?? '—'}</TableCell>
            <TableCell>{formatTime(run.createdAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
