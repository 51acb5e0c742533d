import Typography from '@material-ui/core/Typography';
import { EmptyState } from '@backstage/core-components';

/** What a user who may not read the audit log sees instead of it. */
export function AuditAccessDenied() {
  return (
    <EmptyState
      missing="info"
      title="You need to be an admin or an auditor to read the audit log"
      description={
        <Typography component="span" variant="body1">
          The audit log records who did what across Portico, so only members of
          the admin groups (<code>portico.access.adminGroups</code>) and of the
          auditor groups (<code>portico.access.auditorGroups</code>, by default{' '}
          <code>group:default/auditors</code>) may read it. Ask a Portico admin
          to add you to an auditor group if your work needs it.
        </Typography>
      }
    />
  );
}
