import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { dexAuthApi } from './dexAuthApi';

export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      import('./PorticoSignInPage').then(m => m.PorticoSignInPage),
  },
});

/** Sign-in for Portico: the Dex auth API and the sign-in page (app plugin). */
export const authModule = createFrontendModule({
  pluginId: 'app',
  extensions: [dexAuthApi, signInPage],
});
