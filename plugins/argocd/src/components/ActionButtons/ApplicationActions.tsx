import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import SyncIcon from '@material-ui/icons/Sync';
import RefreshIcon from '@material-ui/icons/Refresh';
import LockIcon from '@material-ui/icons/Lock';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  argocdApplicationRefreshPermission,
  argocdApplicationSyncPermission,
} from '@internal/plugin-portico-permissions-common';
import type {
  ApplicationActionResponse,
  ArgoActionPermission,
  ArgoApplicationDetail,
} from '@internal/plugin-argocd-common';
import { argocdApiRef } from '../../api';
import { describeError } from '../describeError';
import { shortRevision } from '../relativeTime';
import { ConfirmActionDialog } from './ConfirmActionDialog';

type Action = 'sync' | 'refresh';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-end',
    gap: theme.spacing(0.5),
  },
  actions: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
  reason: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    '& svg': { fontSize: '0.875rem' },
  },
}));

const labels: Record<Action, { button: string; verb: string }> = {
  sync: { button: 'Sync', verb: 'sync' },
  refresh: { button: 'Hard refresh', verb: 'hard-refresh' },
};

/** Why a signed-in non-owner cannot act: the backend's reason when it gave one. */
function deniedReason(action: Action, backend?: ArgoActionPermission): string {
  if (backend && !backend.allowed && backend.reason) return backend.reason;
  return `Only the owning team (or a Portico admin) can ${labels[action].verb} this application.`;
}

/** Why no one can act on this application from this entity (not tied to its owning team). */
function notActionableReason(app: ArgoApplicationDetail): string | undefined {
  if (!app.actionable || app.actionable.allowed) return undefined;
  return `${
    app.actionable.reason ?? 'This application is not tied to the owning team'
  }: Portico syncs and refreshes only applications of the owning team.`;
}

function dialogText(action: Action, app: ArgoApplicationDetail): string {
  if (action === 'sync') {
    const target = [
      app.targetRevision,
      shortRevision(app.targetCommit) && `(${shortRevision(app.targetCommit)})`,
    ]
      .filter(Boolean)
      .join(' ');
    const where = app.destination.namespace
      ? ` into namespace ${app.destination.namespace}`
      : '';
    return `Argo CD applies ${target || 'the target revision'} of ${
      app.name
    }${where} on instance ${app.instance}.`;
  }
  return `Argo CD re-reads ${app.name}'s Git source and live state on instance ${app.instance}, bypassing its manifest cache. Nothing is deployed.`;
}

function outcomeMessage(
  action: Action,
  app: ArgoApplicationDetail,
  response: ApplicationActionResponse,
): string {
  const what = action === 'sync' ? 'Sync' : 'Hard refresh';
  const started = action === 'sync' ? 'started' : 'done';
  const detail = response.result?.detail;
  return `${what} of ${app.name} on ${app.instance} ${started}${
    detail ? ` (${detail})` : ''
  }`;
}

function ActionButton(props: {
  action: Action;
  entityRef: string;
  app: ArgoApplicationDetail;
  backendPermission?: ArgoActionPermission;
  onDone?: () => void;
}) {
  const { action, entityRef, app, backendPermission, onDone } = props;
  const argocdApi = useApi(argocdApiRef);
  const alertApi = useApi(alertApiRef);
  const permission = usePermission({
    permission:
      action === 'sync'
        ? argocdApplicationSyncPermission
        : argocdApplicationRefreshPermission,
    resourceRef: entityRef,
  });
  const [open, setOpen] = useState(false);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    try {
      const target = {
        instance: app.instance,
        name: app.name,
        appNamespace: app.appNamespace,
      };
      const response =
        action === 'sync'
          ? await argocdApi.sync(entityRef, target)
          : await argocdApi.refresh(entityRef, target);
      alertApi.post({
        message: outcomeMessage(action, app, response),
        severity: 'success',
        display: 'transient',
      });
    } catch (e) {
      alertApi.post({
        message: `${labels[action].button} of ${
          app.name
        } failed: ${describeError(e)}`,
        severity: 'error',
        display: 'permanent',
      });
    } finally {
      setRunning(false);
      setOpen(false);
      onDone?.();
    }
  };

  const icon = action === 'sync' ? <SyncIcon /> : <RefreshIcon />;
  const notActionable = notActionableReason(app);
  const allowed = !permission.loading && permission.allowed && !notActionable;
  const button = (
    <Button
      size="small"
      variant={action === 'sync' ? 'contained' : 'outlined'}
      color="primary"
      startIcon={icon}
      disabled={!allowed}
      onClick={() => setOpen(true)}
    >
      {labels[action].button}
    </Button>
  );

  return (
    <>
      {(permission.loading && !notActionable) || allowed ? (
        button
      ) : (
        <Tooltip
          title={notActionable ?? deniedReason(action, backendPermission)}
        >
          {/* A disabled button gets no pointer events; the span carries the tooltip. */}
          <span data-testid={`argocd-${action}-denied`}>{button}</span>
        </Tooltip>
      )}
      <ConfirmActionDialog
        open={open}
        title={`${labels[action].button} ${app.name} on ${app.instance}?`}
        text={dialogText(action, app)}
        confirmLabel={labels[action].button}
        running={running}
        onConfirm={run}
        onCancel={() => setOpen(false)}
      />
    </>
  );
}

/**
 * Sync and Hard refresh for one application. Owners (and admins) may use them on an application
 * the platform ties to the owning team; everyone else sees them disabled with the reason. Both ask for confirmation and report the outcome in a snackbar.
 */
export function ApplicationActions(props: {
  entityRef: string;
  app: ArgoApplicationDetail;
  permissions?: { sync: ArgoActionPermission; refresh: ArgoActionPermission };
  onDone?: () => void;
}) {
  const classes = useStyles();
  const sync = usePermission({
    permission: argocdApplicationSyncPermission,
    resourceRef: props.entityRef,
  });
  const syncDenied = !sync.loading && !sync.allowed;
  const notActionable = notActionableReason(props.app);
  return (
    <div className={classes.root}>
      <div className={classes.actions}>
        {(['sync', 'refresh'] as const).map(action => (
          <ActionButton
            key={action}
            action={action}
            entityRef={props.entityRef}
            app={props.app}
            backendPermission={props.permissions?.[action]}
            onDone={props.onDone}
          />
        ))}
      </div>
      {(notActionable || syncDenied) && (
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.reason}
        >
          <LockIcon />
          {notActionable ?? deniedReason('sync', props.permissions?.sync)}
        </Typography>
      )}
    </div>
  );
}
