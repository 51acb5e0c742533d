import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { ProvisioningRunDetail } from '@internal/plugin-provisioning-common';
import { provisioningApiRef } from '../../api';
import { isActive, RunStatus } from '../RunStatus/RunStatus';
import { RunTimeline } from '../RunTimeline/RunTimeline';
import { formatTime } from '../RunTimeline/formatTime';
import { usePolled } from '../usePolled';

function Field(props: { label: string; children: React.ReactNode }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

/** One run with its live timeline (refreshed every few seconds until it ends). */
export function RunDetails(props: { runId: string }) {
  const api = useApi(provisioningApiRef);
  const { value: run, error } = usePolled<ProvisioningRunDetail>(
    props.runId,
    () => api.getRun(props.runId),
    r => isActive(r.status),
  );
  if (!run) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  const params = Object.entries(run.parameters);
  return (
    <InfoCard
      title={`${run.template} for ${run.entityRef}`}
      subheader={`Run ${run.id}`}
      action={
        <Box pt={2} pr={2}>
          <RunStatus status={run.status} />
        </Box>
      }
    >
      <Box display="flex" flexWrap="wrap">
        <Field label="Team">{run.owner ?? '—'}</Field>
        <Field label="Started by">{run.userRef}</Field>
        <Field label="Started">{formatTime(run.createdAt)}</Field>
        <Field label="Last change">{formatTime(run.updatedAt)}</Field>
        {params.length > 0 && (
          <Field label="Parameters">
            {params
              .map(
                ([k, v]) =>
                  `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
              )
              .join(', ')}
          </Field>
        )}
      </Box>
      {run.failureReason && (
        <Box my={2}>
          <Alert severity="error">{run.failureReason}</Alert>
        </Box>
      )}
      <Box mt={2}>
        <RunTimeline run={run} />
      </Box>
      {isActive(run.status) && (
        <Typography variant="caption" color="textSecondary">
          Updating every few seconds while the run is going.
        </Typography>
      )}
    </InfoCard>
  );
}
