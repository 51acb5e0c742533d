import { Content, Header, Page } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import type {
  HomePageLayoutProps,
  HomePageWidgetData,
} from '@backstage/plugin-home-react/alpha';
import { Grid, makeStyles } from '@material-ui/core';
import { Fragment, ReactNode } from 'react';

/** Extension ids of the widgets that have a fixed place on the page. */
export const homeWidgetIds = {
  searchBar: 'home-page-widget:search/search-bar',
  gettingStarted: 'home-page-widget:home/getting-started',
  starredEntities: 'home-page-widget:home/starred-entities',
  toolkit: 'home-page-widget:home/portico-toolkit',
};

const useStyles = makeStyles(theme => ({
  searchBar: {
    maxWidth: 800,
    margin: theme.spacing(0, 'auto', 1),
    // MUI class names carry a suffix in this app, hence the attribute selector.
    '& [class*="MuiOutlinedInput-root"]': {
      backgroundColor: theme.palette.background.paper,
      borderRadius: 28,
      boxShadow: theme.shadows[1],
    },
    '& fieldset': {
      borderRadius: 28,
    },
  },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(3),
  },
}));

function takeWidgets(widgets: HomePageWidgetData[]) {
  const remaining = new Map(widgets.map(w => [w.node.spec.id, w] as const));
  const take = (id: string): ReactNode => {
    const widget = remaining.get(id);
    remaining.delete(id);
    return widget?.component;
  };
  return {
    take,
    rest: () => Array.from(remaining.values()),
  };
}

/**
 * Portico's landing page: search first, then how to get started and the
 * user's starred entities, with the toolkit and any other installed widgets
 * (notifications, ...) on the side.
 */
export function PorticoHomeLayout(props: HomePageLayoutProps) {
  const classes = useStyles();
  const configApi = useApi(configApiRef);
  const title = configApi.getOptionalString('app.title') ?? 'Portico';

  const { take, rest } = takeWidgets(props.widgets);
  const searchBar = take(homeWidgetIds.searchBar);
  const gettingStarted = take(homeWidgetIds.gettingStarted);
  const starredEntities = take(homeWidgetIds.starredEntities);
  const toolkit = take(homeWidgetIds.toolkit);
  const others = rest();

  return (
    <Page themeId="home">
      <Header
        title={`Welcome to ${title}`}
        subtitle="The developer portal of the platform: services, APIs, docs and templates in one place"
        pageTitleOverride="Home"
      />
      <Content>
        {searchBar && <div className={classes.searchBar}>{searchBar}</div>}
        <Grid container spacing={3}>
          <Grid item xs={12} md={8}>
            <div className={classes.column}>
              {gettingStarted}
              {starredEntities}
            </div>
          </Grid>
          <Grid item xs={12} md={4}>
            <div className={classes.column}>
              {toolkit}
              {others.map(widget => (
                <Fragment key={widget.node.spec.id}>
                  {widget.component}
                </Fragment>
              ))}
            </div>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
