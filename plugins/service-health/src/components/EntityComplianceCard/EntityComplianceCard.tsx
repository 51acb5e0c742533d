import {
  Gauge,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  ComplianceCheck,
  EntityCompliance,
} from '@internal/plugin-service-health-common';
import { Box, Chip, Typography } from '@material-ui/core';
import CheckIcon from '@material-ui/icons/CheckCircleOutline';
import FailIcon from '@material-ui/icons/HighlightOff';
import useAsync from 'react-use/esm/useAsync';
import { serviceHealthApiRef } from '../../api';
import { timeAgo } from '../cardParts';

const NO_DATA: Record<string, string> = {
  'not-configured': 'No data: the portal reads no cluster for policy checks.',
  'no-namespace':
    'No data: the owning team has no namespace on the cluster for this component.',
  'no-workload':
    'No data: no workload of this component runs in its namespaces.',
  'not-read-yet': 'No data yet: the cluster is read every few minutes.',
};

function Check(props: { check: ComplianceCheck }) {
  const { check } = props;
  const failed = check.result === 'fail';
  return (
    <Box display="flex" mb={1} data-testid={`check-${check.id}`}>
      <Box mr={1} color={failed ? 'error.main' : 'success.main'}>
        {failed ? (
          <FailIcon fontSize="small" />
        ) : (
          <CheckIcon fontSize="small" />
        )}
      </Box>
      <Box>
        <Typography variant="body2">
          {check.title}{' '}
          <Chip size="small" label={check.severity} variant="outlined" />
          {check.source !== 'portico' && (
            <Typography variant="caption" color="textSecondary">
              {' '}
              · {check.source}
            </Typography>
          )}
        </Typography>
        {failed && (
          <>
            {check.failures.map(f => (
              <Typography
                key={`${f.kind}/${f.namespace}/${f.name}/${f.container ?? ''}`}
                variant="caption"
                component="p"
                color="textSecondary"
              >
                {f.kind} {f.namespace ? `${f.namespace}/` : ''}
                {f.name}
                {f.container ? ` (${f.container})` : ''}: {f.message}
              </Typography>
            ))}
            <Typography variant="caption" component="p">
              How to fix: {check.howToFix}
            </Typography>
          </>
        )}
      </Box>
    </Box>
  );
}

function Body(props: { value: EntityCompliance }) {
  const { value } = props;
  if (value.state === 'no-data' || !value.checks) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="compliance-no-data"
      >
        {NO_DATA[value.reason ?? 'not-read-yet']}
      </Typography>
    );
  }
  const applicable = value.checks.filter(c => c.result !== 'not-applicable');
  // Failed first, worst first: what needs attention leads.
  const order = ['critical', 'high', 'medium', 'low', 'info'];
  applicable.sort(
    (a, b) =>
      Number(b.result === 'fail') - Number(a.result === 'fail') ||
      order.indexOf(a.severity) - order.indexOf(b.severity),
  );
  const failed = applicable.filter(c => c.result === 'fail').length;
  return (
    <>
      <Box display="flex" alignItems="center" mb={2}>
        {value.score !== undefined && (
          <Box
            width={96}
            mr={2}
            flexShrink={0}
            data-testid="compliance-score"
            title={`Compliance score ${value.score} of 100`}
          >
            <Gauge value={value.score / 100} />
          </Box>
        )}
        <Typography variant="body2">
          {failed === 0
            ? `All ${applicable.length} checks pass.`
            : `${failed} of ${applicable.length} checks fail.`}
          {value.detailsHidden &&
            ' Which objects fail is shown to the owning team.'}
        </Typography>
      </Box>
      {applicable.map(c => (
        <Check key={c.id} check={c} />
      ))}
      {value.readAt && (
        <Typography variant="caption" color="textSecondary" component="p">
          From the live objects and the cluster&apos;s PolicyReports, read{' '}
          {timeAgo(value.readAt)}
          {value.error ? ` (the last read failed: ${value.error})` : ''}
        </Typography>
      )}
    </>
  );
}

/** Overview card "Policy compliance": the score, and each check with how to fix a failure. */
export function EntityComplianceCard() {
  const { entity } = useEntity();
  const api = useApi(serviceHealthApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getCompliance(ref),
    [api, ref],
  );
  return (
    <InfoCard title="Policy compliance" subheader="Running objects">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <Body value={value} />}
    </InfoCard>
  );
}
