import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  ClusterNoDataReason,
  EntityVulnerabilities,
} from '@internal/plugin-service-health-common';
import { Box, Divider, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { serviceHealthApiRef } from '../../api';
import { timeAgo } from '../cardParts';
import { ImageVulnerabilities } from './ImageVulnerabilities';
import { SeverityCounts } from './SeverityCounts';

const NO_DATA: Record<ClusterNoDataReason, string> = {
  'not-configured': 'No data: the portal reads no cluster for vulnerabilities.',
  'no-namespace':
    'No data: the owning team has no namespace on the cluster for this component.',
  'no-workload':
    'No data: no workload of this component runs in its namespaces.',
  'not-scanned':
    'No data: trivy-operator has not reported on the images this component runs.',
  'not-read-yet': 'No data yet: the cluster is read every few minutes.',
};

function Body(props: { value: EntityVulnerabilities }) {
  const { value } = props;
  if (value.state === 'no-data' || !value.summary) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="vulnerabilities-no-data"
      >
        {NO_DATA[value.reason ?? 'not-read-yet']}
      </Typography>
    );
  }
  const { summary } = value;
  return (
    <>
      <SeverityCounts counts={summary.counts} />
      <Typography variant="body2" style={{ marginTop: 8 }}>
        {summary.fixable} fixable by upgrading, in {summary.images} running
        image
        {summary.images === 1 ? '' : 's'}
      </Typography>
      {value.detailsHidden && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="vulnerabilities-hidden"
        >
          Which CVEs and how to fix them is shown to the owning team.
        </Typography>
      )}
      {value.images?.map(image => (
        <Box
          key={`${image.namespace}/${image.workload.name}/${image.container}`}
          mt={2}
        >
          <Divider style={{ marginBottom: 8 }} />
          <ImageVulnerabilities image={image} />
        </Box>
      ))}
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        style={{ marginTop: 8 }}
      >
        Scanned by trivy-operator, read {timeAgo(summary.readAt)}
        {value.error ? ` (the last read failed: ${value.error})` : ''}
      </Typography>
    </>
  );
}

/** Overview card "Vulnerabilities": CVEs in the running images, with the upgrade that fixes each. */
export function EntityVulnerabilitiesCard() {
  const { entity } = useEntity();
  const api = useApi(serviceHealthApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getVulnerabilities(ref),
    [api, ref],
  );
  return (
    <InfoCard title="Vulnerabilities" subheader="Running images">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <Body value={value} />}
    </InfoCard>
  );
}
