import type {
  CodeResponse,
  NoDataReason,
} from '@internal/plugin-service-health-common';
import { Typography } from '@material-ui/core';

const TEXT: Record<NoDataReason, string> = {
  'no-annotation':
    'No data: this component names no GitHub repository (annotation github.com/project-slug).',
  'not-read':
    'No data: the portal does not read repositories of this organization.',
  'not-configured': 'No data: the portal has no GitHub source configured.',
  'not-read-yet':
    'No data yet: the repository has not been read. It is read every few minutes.',
};

/** The calm empty state of both cards. */
export function NoData(props: {
  response: Extract<CodeResponse, { state: 'no-data' }>;
}) {
  const { reason, slug } = props.response;
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="service-health-no-data"
    >
      {TEXT[reason]}
      {slug && reason !== 'no-annotation' ? ` (${slug})` : ''}
    </Typography>
  );
}
