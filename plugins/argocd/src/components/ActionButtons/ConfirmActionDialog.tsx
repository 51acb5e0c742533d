import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';

/** "Are you sure?" for an action on Argo CD; the confirm button shows progress while it runs. */
export function ConfirmActionDialog(props: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  running: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { open, title, text, confirmLabel, running, onConfirm, onCancel } =
    props;
  return (
    <Dialog open={open} onClose={running ? undefined : onCancel} maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{text}</DialogContentText>
        <DialogContentText variant="body2">
          The action runs with Portico's Argo CD credentials and is recorded in
          the audit log under your name.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={running}>
          Cancel
        </Button>
        <Button
          onClick={onConfirm}
          color="primary"
          variant="contained"
          disabled={running}
          startIcon={running ? <CircularProgress size={16} /> : undefined}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
