import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { describeAuditError } from '../../api';
import { AuditAccessDenied } from '../AuditAccessDenied/AuditAccessDenied';

export interface AuditEventsErrorProps {
  error: unknown;
  /** Load again (shown for errors that are not about the filters). */
  onRetry?(): void;
  /** Drop every filter (shown for a 400: the backend refused a filter value). */
  onClearFilters?(): void;
}

/** Why the events could not be loaded, in the backend's words, with the way out. */
export function AuditEventsError(props: AuditEventsErrorProps) {
  const { error, onRetry, onClearFilters } = props;
  const description = describeAuditError(error);
  if (description.forbidden) {
    return <AuditAccessDenied />;
  }
  const badFilter = description.statusCode === 400;
  const action = badFilter
    ? onClearFilters && (
        <Button color="inherit" size="small" onClick={onClearFilters}>
          Clear filters
        </Button>
      )
    : onRetry && (
        <Button color="inherit" size="small" onClick={onRetry}>
          Retry
        </Button>
      );
  return (
    <Alert severity="error" action={action}>
      <AlertTitle>
        {badFilter
          ? 'The audit backend refused these filters'
          : 'Could not load audit events'}
      </AlertTitle>
      {description.message}
      {description.statusCode && !badFilter
        ? ` (HTTP ${description.statusCode})`
        : ''}
    </Alert>
  );
}
