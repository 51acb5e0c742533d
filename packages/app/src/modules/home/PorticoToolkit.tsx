import { Link } from '@backstage/core-components';
import {
  appTreeApiRef,
  iconsApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { makeStyles, Typography } from '@material-ui/core';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import LinkIcon from '@material-ui/icons/Link';
import { ReactNode } from 'react';
import { catalogGraphHref, useCatalogGraphRoots } from './useCatalogGraphRoots';

export type ToolkitTool = {
  url: string;
  label: string;
  /** A key of the app's icon bundle, e.g. `catalog`, `kind:api`, `docs`. */
  icon?: string;
};

const CATALOG_GRAPH_PATH = '/catalog-graph';

/** The portal's own pages; a page that is not installed is left out. */
export const defaultPorticoTools: ToolkitTool[] = [
  { url: '/catalog', label: 'Catalog', icon: 'catalog' },
  { url: '/api-docs', label: 'APIs', icon: 'kind:api' },
  { url: '/docs', label: 'Docs', icon: 'docs' },
  { url: '/create', label: 'Create', icon: 'scaffolder' },
  { url: CATALOG_GRAPH_PATH, label: 'Catalog graph', icon: 'catalog-graph' },
  { url: '/search', label: 'Search', icon: 'search' },
];

// Icons that the default icon bundle does not have.
const localIcons: Record<string, ReactNode> = {
  'catalog-graph': <AccountTreeIcon />,
};

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(88px, 1fr))',
    gap: theme.spacing(1),
  },
  tool: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    padding: theme.spacing(1.5, 0.5),
    borderRadius: theme.shape.borderRadius,
    color: theme.palette.text.primary,
    textAlign: 'center',
    '&:hover': {
      backgroundColor: theme.palette.action.hover,
      textDecoration: 'none',
    },
  },
  icon: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: 44,
    height: 44,
    borderRadius: '50%',
    color: theme.palette.primary.contrastText,
    backgroundColor: theme.palette.primary.main,
    '& svg': {
      fontSize: 24,
    },
  },
}));

function isInternal(url: string) {
  return url.startsWith('/');
}

/** Links to the portal's pages (and any configured external tools). */
export const PorticoToolkitContent = (props: { tools: ToolkitTool[] }) => {
  const classes = useStyles();
  const iconsApi = useApi(iconsApiRef);
  const appTreeApi = useApi(appTreeApiRef);
  const graphRoots = useCatalogGraphRoots();

  const tools = props.tools.filter(
    tool =>
      !isInternal(tool.url) ||
      appTreeApi.getNodesByRoutePath(tool.url.split(/[?#]/)[0]).nodes.length >
        0,
  );

  return (
    <nav aria-label="Toolkit" className={classes.grid}>
      {tools.map(tool => (
        <Link
          key={tool.url}
          to={
            tool.url === CATALOG_GRAPH_PATH
              ? catalogGraphHref(tool.url, graphRoots)
              : tool.url
          }
          className={classes.tool}
        >
          <span className={classes.icon}>
            {(tool.icon &&
              (iconsApi.icon(tool.icon) ?? localIcons[tool.icon])) || (
              <LinkIcon />
            )}
          </span>
          <Typography variant="body2">{tool.label}</Typography>
        </Link>
      ))}
    </nav>
  );
};
