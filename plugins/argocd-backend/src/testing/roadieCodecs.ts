import path from 'node:path';

/*
 * The io-ts codecs and API client of the installed @roadiehq/backstage-plugin-argo-cd (the
 * frontend card), loaded from its dist files so tests decode our responses exactly as the card does.
 */
const dist = path.join(
  path.dirname(
    require.resolve('@roadiehq/backstage-plugin-argo-cd/package.json'),
  ),
  'dist',
);

export const roadieTypes: {
  argoCDServiceList: any;
  argoCDAppDetails: any;
  argoCDAppList: any;
  argoCDAppDeployRevisionDetails: any;
} = require(path.join(dist, 'types.esm.js'));

export const roadieApi: { ArgoCDApiClient: any } = require(path.join(
  dist,
  'api/index.esm.js',
));
