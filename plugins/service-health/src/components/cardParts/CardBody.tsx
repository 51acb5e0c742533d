import type { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type { RepositoryData } from '@internal/plugin-service-health-common';
import { Typography } from '@material-ui/core';
import { NoData } from './NoData';
import { timeAgo } from './format';
import { useEntityCode } from './useEntityCode';

/** Loading, error and "no data" of both cards; `children` renders the repository's data. */
export function CardBody(props: {
  children: (data: RepositoryData, canSeeAlerts: boolean) => ReactNode;
}) {
  const { value, loading, error } = useEntityCode();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  if (value.state === 'no-data') return <NoData response={value} />;
  const { data } = value;
  return (
    <>
      {props.children(data, value.canSeeAlerts)}
      <Typography variant="caption" color="textSecondary" component="p">
        Read from GitHub {timeAgo(data.fetchedAt)}
        {data.lastError ? ` (the last read failed: ${data.lastError})` : ''}
      </Typography>
    </>
  );
}
