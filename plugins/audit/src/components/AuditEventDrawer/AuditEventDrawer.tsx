import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/frontend-plugin-api';
import type { AuditEvent } from '@internal/plugin-audit-common';
import useAsync from 'react-use/esm/useAsync';
import { auditApiRef, describeAuditError } from '../../api';
import { AuditEntityRef } from '../AuditEntityRef/AuditEntityRef';
import { actorLabel } from '../AuditEventsTable/actorLabel';
import { formatEventTime } from '../AuditEventsTable/formatEventTime';
import { OutcomeChip } from '../OutcomeChip/OutcomeChip';

const useStyles = makeStyles(theme => ({
  paper: { width: 640, maxWidth: '100vw' },
  label: {
    width: 140,
    verticalAlign: 'top',
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
  },
  value: { wordBreak: 'break-word' },
  mono: {
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    wordBreak: 'break-all',
  },
  json: {
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    backgroundColor: theme.palette.background.default,
    padding: theme.spacing(1.5),
    borderRadius: theme.shape.borderRadius,
    overflowX: 'auto',
    margin: 0,
  },
}));

function EventDetails(props: { event: AuditEvent }) {
  const { event } = props;
  const classes = useStyles();
  const rows: [string, ReactNode][] = [
    ['ID', <span className={classes.mono}>{event.id}</span>],
    [
      'Time',
      <>
        {formatEventTime(event.time)}{' '}
        <span className={classes.mono}>({event.time})</span>
      </>,
    ],
    ['Action', event.action],
    ['Plugin', event.plugin],
    ['Event ID', event.eventId],
    ['Severity', event.severity],
    ['Outcome', <OutcomeChip outcome={event.outcome} />],
    ['Actor', actorLabel(event.actor)],
    ['Actor type', event.actor.type],
    ['IP address', event.actor.ip],
    ['User agent', event.actor.userAgent],
    ['Entity', <AuditEntityRef entityRef={event.entityRef} />],
    ['Request ID', <span className={classes.mono}>{event.requestId}</span>],
    [
      'Request',
      event.request && (event.request.method || event.request.url)
        ? [event.request.method, event.request.url].filter(Boolean).join(' ')
        : undefined,
    ],
    ['Error', event.error],
    ['Hash', <span className={classes.mono}>{event.hash}</span>],
    ['Previous hash', <span className={classes.mono}>{event.prevHash}</span>],
  ];
  return (
    <>
      <Table size="small" aria-label="Event fields">
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row" className={classes.label}>
                {label}
              </TableCell>
              <TableCell className={classes.value}>
                {value === undefined || value === '' ? '—' : value}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box mt={3}>
        <Typography variant="subtitle2" gutterBottom>
          Metadata
        </Typography>
        {event.meta && Object.keys(event.meta).length > 0 ? (
          <pre className={classes.json} aria-label="Event metadata">
            {JSON.stringify(event.meta, null, 2)}
          </pre>
        ) : (
          <Typography variant="body2" color="textSecondary">
            The plugin recorded no metadata for this event.
          </Typography>
        )}
      </Box>
    </>
  );
}

function FetchedEvent(props: { eventId: string }) {
  const { eventId } = props;
  const auditApi = useApi(auditApiRef);
  const { value, loading, error } = useAsync(
    () => auditApi.getEvent(eventId),
    [auditApi, eventId],
  );
  if (loading) {
    return <LinearProgress aria-label="Loading event" />;
  }
  if (error || !value) {
    return (
      <Alert severity="error">
        Could not load event {eventId}: {describeAuditError(error).message}
      </Alert>
    );
  }
  return <EventDetails event={value} />;
}

export interface AuditEventDrawerProps {
  /** The event to show; the drawer is closed when undefined. */
  eventId?: string;
  /** The event itself when the page already has it; else it is fetched by id. */
  event?: AuditEvent;
  onClose(): void;
}

/** Every field of one event, the metadata as pretty-printed JSON, in a drawer on the right. */
export function AuditEventDrawer(props: AuditEventDrawerProps) {
  const { eventId, event, onClose } = props;
  const classes = useStyles();
  return (
    <Drawer
      anchor="right"
      open={eventId !== undefined}
      onClose={onClose}
      classes={{ paper: classes.paper }}
    >
      <Box p={3} role="dialog" aria-label="Audit event details">
        <Box display="flex" alignItems="center" mb={2}>
          <Box flexGrow={1}>
            <Typography variant="h5">Audit event {eventId}</Typography>
          </Box>
          <IconButton aria-label="Close event details" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
        {event && event.id === eventId && <EventDetails event={event} />}
        {eventId !== undefined && event?.id !== eventId && (
          <FetchedEvent eventId={eventId} />
        )}
      </Box>
    </Drawer>
  );
}
