import { useCallback } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Content, Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import type {
  AuditEvent,
  AuditEventFilter,
} from '@internal/plugin-audit-common';
import { auditLogReadPermission } from '@internal/plugin-portico-permissions-common';
import { useSearchParams } from 'react-router-dom';
import { describeAuditError } from '../../api';
import { AuditAccessDenied } from '../AuditAccessDenied/AuditAccessDenied';
import { AuditEventDrawer } from '../AuditEventDrawer/AuditEventDrawer';
import { AuditEventsError } from '../AuditEventsError/AuditEventsError';
import { AuditEventsTable } from '../AuditEventsTable/AuditEventsTable';
import { AuditFilters } from '../AuditFilters/AuditFilters';
import {
  filterFromSearchParams,
  withFilterSearchParams,
} from '../AuditFilters/filterSearchParams';
import { ChainVerification } from '../ChainVerification/ChainVerification';
import { ExportCsvButton } from '../ExportCsvButton/ExportCsvButton';
import { WriterStatus } from '../WriterStatus/WriterStatus';
import { useAuditEvents } from './useAuditEvents';

/** Query-string key of the event shown in the drawer, so a link can point at one event. */
const EVENT_PARAM = 'event';

function NoEvents(props: { filtered: boolean; onClear(): void }) {
  const { filtered, onClear } = props;
  return (
    <Paper>
      <Box p={4} textAlign="center">
        <Typography variant="h6" gutterBottom>
          {filtered
            ? 'No audit events match these filters'
            : 'No audit events recorded yet'}
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          {filtered
            ? 'Widen the time range, check the spelling of the actor, action or entity ref (they match exactly), or clear the filters.'
            : 'Events appear here as soon as a plugin reports an audited action, such as a catalog change or a template run.'}
        </Typography>
        {filtered && (
          <Button variant="outlined" onClick={onClear}>
            Clear filters
          </Button>
        )}
      </Box>
    </Paper>
  );
}

function AuditLog() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = filterFromSearchParams(searchParams);
  const selectedId = searchParams.get(EVENT_PARAM) ?? undefined;
  const events = useAuditEvents(filter);

  const applyFilter = useCallback(
    (next: AuditEventFilter) =>
      setSearchParams(params =>
        withFilterSearchParams(params, next, [EVENT_PARAM]),
      ),
    [setSearchParams],
  );
  const clearFilter = useCallback(() => applyFilter({}), [applyFilter]);
  const selectEvent = useCallback(
    (event: AuditEvent) =>
      setSearchParams(params => {
        const next = new URLSearchParams(params);
        next.set(EVENT_PARAM, event.id);
        return next;
      }),
    [setSearchParams],
  );
  const closeEvent = useCallback(
    () =>
      setSearchParams(params => {
        const next = new URLSearchParams(params);
        next.delete(EVENT_PARAM);
        return next;
      }),
    [setSearchParams],
  );

  const filtered = Object.keys(filter).length > 0;
  let body;
  if (events.loading) {
    body = <Progress />;
  } else if (events.error) {
    body = (
      <AuditEventsError
        error={events.error}
        onRetry={events.reload}
        onClearFilters={clearFilter}
      />
    );
  } else if (events.items.length === 0) {
    body = <NoEvents filtered={filtered} onClear={clearFilter} />;
  } else {
    body = (
      <>
        <AuditEventsTable events={events.items} onSelect={selectEvent} />
        <Box mt={2} display="flex" flexDirection="column" alignItems="center">
          {events.loadMoreError !== undefined && (
            <Box mb={2} width="100%">
              <Alert severity="error">
                Could not load more events:{' '}
                {describeAuditError(events.loadMoreError).message}
              </Alert>
            </Box>
          )}
          {events.nextCursor ? (
            <Button
              variant="outlined"
              onClick={events.loadMore}
              disabled={events.loadingMore}
              startIcon={
                events.loadingMore ? <CircularProgress size={16} /> : undefined
              }
            >
              Load more
            </Button>
          ) : (
            <Typography variant="body2" color="textSecondary">
              {events.items.length.toLocaleString('en-US')} event
              {events.items.length === 1 ? '' : 's'}: the end of the log for
              these filters.
            </Typography>
          )}
        </Box>
      </>
    );
  }

  return (
    <>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <Paper>
            <Box p={2}>
              <WriterStatus />
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12} md={6}>
          <Paper>
            <Box p={2}>
              <ChainVerification />
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12}>
          <AuditFilters
            filter={filter}
            onApply={applyFilter}
            onClear={clearFilter}
          />
        </Grid>
        <Grid item xs={12}>
          <Box display="flex" alignItems="center" mb={2}>
            <Box flexGrow={1}>
              <Typography variant="h6" component="h2">
                Events{filtered ? ' matching the filters' : ''}, newest first
              </Typography>
            </Box>
            <ExportCsvButton filter={filter} />
          </Box>
          {body}
        </Grid>
      </Grid>
      <AuditEventDrawer
        eventId={selectedId}
        event={events.items.find(event => event.id === selectedId)}
        onClose={closeEvent}
      />
    </>
  );
}

/**
 * The Audit log page. Who may read the log is asked up front (`audit.log.read`), so those who
 * may not see why instead of a failing request; the backend enforces the same permission.
 */
export function AuditLogPage() {
  const permission = usePermission({ permission: auditLogReadPermission });
  let content;
  if (permission.loading) {
    content = <Progress />;
  } else if (permission.error) {
    content = (
      <Alert severity="error">
        Could not check your access to the audit log:{' '}
        {describeAuditError(permission.error).message}
      </Alert>
    );
  } else if (!permission.allowed) {
    content = <AuditAccessDenied />;
  } else {
    content = <AuditLog />;
  }
  return <Content>{content}</Content>;
}
