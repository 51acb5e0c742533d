import { createFrontendModule } from '@backstage/frontend-plugin-api';
import homePlugin from '@backstage/plugin-home/alpha';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

const layout = HomePageLayoutBlueprint.make({
  params: {
    loader: async () =>
      import('./PorticoHomeLayout').then(m => m.PorticoHomeLayout),
  },
});

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'PorticoGettingStarted',
    title: 'Getting started with Portico',
    description: 'Where to find services, templates, docs and API specs',
    components: () =>
      import('./GettingStarted').then(m => ({
        Content: m.GettingStartedContent,
      })),
  },
});

// Portico's toolkit: shortcuts to the portal's own pages (the home plugin's
// toolkit defaults to external Backstage links and is switched off below).
const toolkitWidget = HomePageWidgetBlueprint.make({
  name: 'portico-toolkit',
  params: {
    name: 'PorticoToolkit',
    title: 'Toolkit',
    description: 'Shortcuts to the pages of the portal',
    components: () =>
      import('./PorticoToolkit').then(m => ({
        Content: () => (
          <m.PorticoToolkitContent tools={m.defaultPorticoTools} />
        ),
      })),
  },
});

// Widgets from the home plugin that Portico does not show. They can still be
// switched back on in app-config (`app.extensions`).
const disabledHomeWidgets = [
  'home-page-widget:home/toolkit',
  'home-page-widget:home/random-joke',
  'home-page-widget:home/world-clock',
  // These two need the visits API, which the home plugin leaves disabled.
  'home-page-widget:home/most-visited',
  'home-page-widget:home/recently-visited',
] as const;

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [
    layout,
    gettingStartedWidget,
    toolkitWidget,
    ...disabledHomeWidgets.map(id =>
      homePlugin.getExtension(id).override({ disabled: true }),
    ),
  ],
});
