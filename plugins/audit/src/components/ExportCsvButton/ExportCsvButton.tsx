import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  AUDIT_CSV_ROWS_MAX,
  type AuditEventFilter,
} from '@internal/plugin-audit-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { auditApiRef, describeAuditError } from '../../api';
import { downloadBlob } from './downloadBlob';

/** `audit-events-2024-03-01T10-30-15Z.csv`: when the export was made, safe in any file system. */
export function csvFilename(now: Date = new Date()): string {
  return `audit-events-${now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')}.csv`;
}

/**
 * Downloads the events matching the filter in force as CSV. The file is fetched through the
 * audit client (so the user's token is sent) and saved from a Blob.
 */
export function ExportCsvButton(props: { filter: AuditEventFilter }) {
  const { filter } = props;
  const auditApi = useApi(auditApiRef);
  const [state, exportCsv] = useAsyncFn(async () => {
    const blob = await auditApi.exportCsv(filter);
    downloadBlob(blob, csvFilename());
  }, [auditApi, JSON.stringify(filter)]);

  return (
    <Box display="flex" alignItems="center">
      {state.error && (
        <Box mr={2}>
          <Typography variant="body2" color="error" role="alert">
            Export failed: {describeAuditError(state.error).message}
          </Typography>
        </Box>
      )}
      <Button
        variant="outlined"
        style={{ flexShrink: 0, whiteSpace: 'nowrap' }}
        onClick={() => exportCsv()}
        disabled={state.loading}
        startIcon={
          state.loading ? <CircularProgress size={16} /> : <GetAppIcon />
        }
        title={`The events matching the filters, at most ${AUDIT_CSV_ROWS_MAX.toLocaleString(
          'en-US',
        )} rows`}
      >
        Export CSV
      </Button>
    </Box>
  );
}
