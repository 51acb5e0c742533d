import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import type { AuditEvent } from '@internal/plugin-audit-common';
import { AuditEntityRef } from '../AuditEntityRef/AuditEntityRef';
import { OutcomeChip } from '../OutcomeChip/OutcomeChip';
import { actorLabel } from './actorLabel';
import { formatEventTime } from './formatEventTime';

const useStyles = makeStyles(theme => ({
  row: {
    cursor: 'pointer',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
  },
  nowrap: { whiteSpace: 'nowrap' },
  mono: {
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    whiteSpace: 'nowrap',
  },
}));

export interface AuditEventsTableProps {
  events: AuditEvent[];
  /** Called when a row is clicked (or chosen with Enter). */
  onSelect(event: AuditEvent): void;
}

/** The events, one row each; a row opens the event's details. */
export function AuditEventsTable(props: AuditEventsTableProps) {
  const { events, onSelect } = props;
  const classes = useStyles();
  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-label="Audit events">
        <TableHead>
          <TableRow>
            <TableCell>Time</TableCell>
            <TableCell>Actor</TableCell>
            <TableCell>Action</TableCell>
            <TableCell>Entity</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>Plugin</TableCell>
            <TableCell>Request ID</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {events.map(event => (
            <TableRow
              key={event.id}
              hover
              tabIndex={0}
              className={classes.row}
              data-event-id={event.id}
              onClick={() => onSelect(event)}
              onKeyDown={keyEvent => {
                if (keyEvent.key === 'Enter') {
                  onSelect(event);
                }
              }}
            >
              <TableCell className={classes.nowrap} title={event.time}>
                {formatEventTime(event.time)}
              </TableCell>
              <TableCell>{actorLabel(event.actor)}</TableCell>
              <TableCell>{event.action}</TableCell>
              <TableCell>
                <AuditEntityRef entityRef={event.entityRef} />
              </TableCell>
              <TableCell>
                <OutcomeChip outcome={event.outcome} />
              </TableCell>
              <TableCell>{event.plugin}</TableCell>
              <TableCell className={classes.mono}>{event.requestId}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
