import { makeStyles } from '@material-ui/core';
import { PORTICO_ACCENT, PorticoMarkPaths } from './PorticoMark';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 32,
  },
  text: {
    fill: '#ffffff',
    fontFamily: 'Helvetica Neue, Helvetica, Roboto, Arial, sans-serif',
    fontSize: 27,
    fontWeight: 700,
  },
});

export const LogoFull = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 150 40"
      role="img"
      aria-label="Portico"
    >
      <PorticoMarkPaths fill={PORTICO_ACCENT} />
      <text
        x="48"
        y="30"
        textLength="98"
        lengthAdjust="spacingAndGlyphs"
        className={classes.text}
      >
        Portico
      </text>
    </svg>
  );
};
