import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/frontend-plugin-api';
import type { AuditChainVerification } from '@internal/plugin-audit-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { auditApiRef, describeAuditError } from '../../api';

function count(n: number) {
  return `${n.toLocaleString('en-US')} event${n === 1 ? '' : 's'}`;
}

function VerificationResult(props: { result: AuditChainVerification }) {
  const { result } = props;
  if (result.ok) {
    return (
      <Alert severity="success">
        Hash chain intact: {count(result.checked)} checked.
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      Hash chain broken at event {result.firstBrokenId ?? '(unknown)'}
      {result.reason ? `: ${result.reason}` : ''}. {count(result.checked)}{' '}
      checked. Events from there on may have been changed or removed outside
      Portico.
    </Alert>
  );
}

/** "Verify chain": recomputes the events' hash chain on the backend and shows the outcome. */
export function ChainVerification() {
  const auditApi = useApi(auditApiRef);
  const [state, verify] = useAsyncFn(() => auditApi.verifyChain(), [auditApi]);
  return (
    <Box>
      <Box display="flex" alignItems="center">
        <Box flexGrow={1} mr={2}>
          <Typography variant="body2" color="textSecondary">
            Each event carries a hash over its content and the previous event's
            hash. Verifying recomputes the chain from the oldest kept event.
          </Typography>
        </Box>
        <Button
          variant="outlined"
          style={{ flexShrink: 0, whiteSpace: 'nowrap' }}
          onClick={() => verify()}
          disabled={state.loading}
          startIcon={
            state.loading ? (
              <CircularProgress size={16} />
            ) : (
              <VerifiedUserIcon />
            )
          }
        >
          Verify chain
        </Button>
      </Box>
      {(state.value || state.error) && (
        <Box mt={2}>
          {state.error ? (
            <Alert severity="warning">
              Could not verify the chain:{' '}
              {describeAuditError(state.error).message}
            </Alert>
          ) : (
            state.value && <VerificationResult result={state.value} />
          )}
        </Box>
      )}
    </Box>
  );
}
