import { makeStyles } from '@material-ui/core';
import { PORTICO_ACCENT, PorticoMarkPaths } from './PorticoMark';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 30,
  },
});

export const LogoIcon = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 40 40"
      role="img"
      aria-label="Portico"
    >
      <PorticoMarkPaths fill={PORTICO_ACCENT} />
    </svg>
  );
};
