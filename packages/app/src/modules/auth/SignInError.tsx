import { makeStyles, Typography } from '@material-ui/core';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(2),
    padding: theme.spacing(1.5, 2),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.error.main}`,
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(244, 67, 54, 0.12)'
        : 'rgba(244, 67, 54, 0.06)',
  },
  icon: {
    color: theme.palette.error.main,
    marginTop: 2,
  },
  title: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/**
 * True when the backend refused the sign-in itself (as opposed to a network or
 * configuration problem): the sign-in resolver throws `NotAllowedError`, e.g.
 * "Sign-in refused: jane@example.com is not in the catalog. ...".
 */
export function isSignInRefusal(error: Error): boolean {
  return (
    error.name === 'NotAllowedError' ||
    error.name === 'NotFoundError' ||
    /not in the catalog|refused/i.test(error.message)
  );
}

const REFUSED_PREFIX = /^sign-in refused:\s*/i;

/**
 * Shown inside the sign-in card when signing in fails. It stays on screen
 * (unlike a toast) so the user can read the backend's explanation and act on it.
 */
export function SignInError(props: { error?: Error }) {
  const classes = useStyles();
  const { error } = props;
  if (!error) {
    return null;
  }
  const refused = isSignInRefusal(error);
  // The title already says so; don't repeat it.
  const message = error.message.replace(REFUSED_PREFIX, '');
  // Add a hint unless the backend's message already says what to do.
  const showHint = refused && !/platform team/i.test(message);
  return (
    <div className={classes.root} role="alert">
      <ErrorOutlineIcon className={classes.icon} />
      <div>
        <Typography variant="body1" className={classes.title}>
          {refused ? 'Sign-in refused' : 'Sign-in failed'}
        </Typography>
        <Typography variant="body2">{message}</Typography>
        {showHint && (
          <Typography variant="body2" color="textSecondary">
            Contact your platform team if you think this is wrong.
          </Typography>
        )}
      </div>
    </div>
  );
}
