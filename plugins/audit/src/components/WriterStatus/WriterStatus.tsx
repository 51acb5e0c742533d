import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import RefreshIcon from '@material-ui/icons/Refresh';
import WarningIcon from '@material-ui/icons/Warning';
import { useApi } from '@backstage/frontend-plugin-api';
import type { AuditWriterStatus } from '@internal/plugin-audit-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { auditApiRef, describeAuditError } from '../../api';
import { formatEventTime } from '../AuditEventsTable/formatEventTime';

const useStyles = makeStyles(theme => ({
  healthy: { color: theme.palette.success.main },
  warning: { color: theme.palette.warning.main },
  icon: { fontSize: 18, marginRight: theme.spacing(1) },
}));

function number(n: number) {
  return n.toLocaleString('en-US');
}

/** Whether the writer needs attention: events were lost or the last write failed. */
export function writerNeedsAttention(status: AuditWriterStatus): boolean {
  return status.dropped > 0 || Boolean(status.lastError);
}

function StatusLine(props: { status: AuditWriterStatus }) {
  const { status } = props;
  const classes = useStyles();
  const warn = writerNeedsAttention(status);
  const Icon = warn ? WarningIcon : CheckCircleIcon;
  return (
    <Box
      display="flex"
      alignItems="flex-start"
      className={warn ? classes.warning : undefined}
      data-state={warn ? 'warning' : 'ok'}
    >
      <Icon
        className={`${classes.icon} ${
          warn ? classes.warning : classes.healthy
        }`}
        aria-hidden
      />
      <Box>
        <Typography variant="body2" color="inherit">
          Writer: {number(status.buffered)} buffered (of{' '}
          {number(status.capacity)}) · {number(status.dropped)} dropped ·{' '}
          {number(status.written)} written since start
          {status.lastWriteAt
            ? ` · last write ${formatEventTime(status.lastWriteAt)}`
            : ''}
        </Typography>
        {status.dropped > 0 && (
          <Typography variant="caption" color="inherit" component="div">
            The buffer overflowed: dropped events are missing from the log.
          </Typography>
        )}
        {status.lastError && (
          <Typography variant="caption" color="inherit" component="div">
            Last write error: {status.lastError}
          </Typography>
        )}
      </Box>
    </Box>
  );
}

/** The audit writer's state in one line; warning colour when events were dropped or writes fail. */
export function WriterStatus() {
  const auditApi = useApi(auditApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => auditApi.getWriterStatus(),
    [auditApi],
  );
  let content;
  if (error) {
    content = (
      <Typography variant="body2" color="textSecondary">
        Writer status unavailable: {describeAuditError(error).message}
      </Typography>
    );
  } else if (value) {
    content = <StatusLine status={value} />;
  } else {
    content = (
      <Typography variant="body2" color="textSecondary">
        Loading writer status…
      </Typography>
    );
  }
  return (
    <Box display="flex" alignItems="center" aria-label="Audit writer status">
      <Box flexGrow={1}>{content}</Box>
      <IconButton
        size="small"
        aria-label="Refresh writer status"
        onClick={retry}
        disabled={loading}
      >
        <RefreshIcon fontSize="small" />
      </IconButton>
    </Box>
  );
}
