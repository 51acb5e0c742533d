import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { AuditOutcome } from '@internal/plugin-audit-common';

const useStyles = makeStyles(theme => ({
  succeeded: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  initiated: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
}));

/** An event's outcome as a coloured chip: green succeeded, red failed, blue initiated. */
export function OutcomeChip(props: { outcome: AuditOutcome }) {
  const classes = useStyles();
  const { outcome } = props;
  return (
    <Chip
      size="small"
      label={outcome}
      className={classes[outcome]}
      data-outcome={outcome}
    />
  );
}
