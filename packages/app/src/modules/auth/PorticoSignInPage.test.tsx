import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dexAuthApiRef } from './dexAuthApi';
import { signInPage } from './authModule';
import { signInProvidersFor } from './signInProviders';

// The component that the app renders for sign-in, as output by the extension
// (lazy-loaded behind the blueprint's boundary, like in the real app).
const PorticoSignInPage = createExtensionTester(signInPage).get(
  SignInPageBlueprint.dataRefs.component,
);

const baseConfig = {
  app: { title: 'Portico', baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007' },
};

function mockDexAuthApi() {
  return {
    getBackstageIdentity: jest.fn().mockResolvedValue(undefined),
    getProfile: jest.fn().mockResolvedValue({ displayName: 'Jane Doe' }),
    getAccessToken: jest.fn(),
    getIdToken: jest.fn(),
    signIn: jest.fn(),
    signOut: jest.fn(),
    sessionState$: jest.fn(),
  };
}

function renderSignInPage(options: {
  environment?: string;
  providers?: string[];
  dexAuthApi?: ReturnType<typeof mockDexAuthApi>;
}) {
  const dexAuthApi = options.dexAuthApi ?? mockDexAuthApi();
  const onSignInSuccess = jest.fn();
  renderInTestApp(<PorticoSignInPage onSignInSuccess={onSignInSuccess} />, {
    config: {
      ...baseConfig,
      ...(options.environment && {
        auth: { environment: options.environment },
      }),
      ...(options.providers && {
        portico: { signIn: { providers: options.providers } },
      }),
    },
    apis: [[dexAuthApiRef, dexAuthApi]],
  });
  return { dexAuthApi, onSignInSuccess };
}

const dev = (providers: string[], environment = 'development') => ({
  auth: { environment },
  portico: { signIn: { providers } },
});

describe('signInProvidersFor', () => {
  it.each([
    [{}, ['guest']],
    [{ auth: { environment: 'development' } }, ['guest']],
    [{ auth: { environment: 'production' } }, ['dex']],
    [{ auth: { environment: 'staging' } }, ['dex']],
    // portico.signIn.providers: in development, Dex first
    [dev(['dex', 'guest']), ['dex', 'guest']],
    [dev(['guest', 'dex']), ['dex', 'guest']],
    [dev(['dex']), ['dex']],
    [dev(['guest']), ['guest']],
    [dev([]), ['guest']],
    [dev(['github']), ['guest']],
    [
      { portico: { signIn: { providers: ['dex', 'guest'] } } },
      ['dex', 'guest'],
    ],
    // outside development: Dex only, whatever the key says
    [dev(['dex', 'guest'], 'production'), ['dex']],
    [dev(['guest'], 'production'), ['dex']],
  ])('config %j offers %j', (config, expected) => {
    expect(signInProvidersFor(mockApis.config({ data: config }))).toEqual(
      expected,
    );
  });
});

describe('PorticoSignInPage', () => {
  it('offers Guest, and not Dex, in development', async () => {
    const { dexAuthApi } = renderSignInPage({ environment: 'development' });

    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(screen.queryByText('Dex')).not.toBeInTheDocument();
    expect(dexAuthApi.getBackstageIdentity).not.toHaveBeenCalled();
  });

  it('offers Dex first and Guest in development when portico.signIn.providers names both', async () => {
    const { dexAuthApi, onSignInSuccess } = renderSignInPage({
      environment: 'development',
      providers: ['guest', 'dex'],
    });

    const dex = await screen.findByText('Dex');
    const guest = screen.getByText('Guest');
    // Dex's card comes before Guest's.
    expect(
      dex.compareDocumentPosition(guest) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign In' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();

    dexAuthApi.getBackstageIdentity.mockImplementation(
      async (o?: { instantPopup?: boolean }) =>
        o?.instantPopup
          ? {
              id: 'bob',
              token: 'token',
              identity: {
                type: 'user',
                userEntityRef: 'user:default/bob',
                ownershipEntityRefs: ['user:default/bob'],
              },
            }
          : undefined,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Sign In' }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    await expect(
      onSignInSuccess.mock.calls[0][0].getBackstageIdentity(),
    ).resolves.toMatchObject({ userEntityRef: 'user:default/bob' });
  });

  it('offers Dex only in production even when portico.signIn.providers names Guest', async () => {
    renderSignInPage({
      environment: 'production',
      providers: ['dex', 'guest'],
    });

    expect(await screen.findByText('Dex')).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
  });

  it('offers Guest when auth.environment is not set', async () => {
    renderSignInPage({});

    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Dex')).not.toBeInTheDocument();
  });

  it('offers Dex, and not Guest, in production', async () => {
    renderSignInPage({ environment: 'production' });

    expect(await screen.findByText('Dex')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign In' })).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
  });

  it('signs in through Dex', async () => {
    const dexAuthApi = mockDexAuthApi();
    dexAuthApi.getBackstageIdentity.mockImplementation(
      async (options?: { instantPopup?: boolean }) =>
        options?.instantPopup
          ? {
              id: 'jane',
              token: 'token',
              identity: {
                type: 'user',
                userEntityRef: 'user:default/jane',
                ownershipEntityRefs: ['user:default/jane'],
              },
            }
          : undefined,
    );
    const { onSignInSuccess } = renderSignInPage({
      environment: 'production',
      dexAuthApi,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign In' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(dexAuthApi.getBackstageIdentity).toHaveBeenCalledWith({
      instantPopup: true,
    });
    const identity = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/jane',
    });
  });

  it('shows why the backend refused the sign-in', async () => {
    const dexAuthApi = mockDexAuthApi();
    const refusal = new Error(
      'Sign-in refused: jane@example.com is not in the catalog. Ask your platform team to add a User entity with this email.',
    );
    refusal.name = 'NotAllowedError';
    dexAuthApi.getBackstageIdentity.mockImplementation(
      async (options?: { instantPopup?: boolean }) => {
        if (options?.instantPopup) {
          throw refusal;
        }
        return undefined;
      },
    );
    const { onSignInSuccess } = renderSignInPage({
      environment: 'production',
      dexAuthApi,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign In' }),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sign-in refused');
    expect(alert).toHaveTextContent('jane@example.com is not in the catalog');
    expect(onSignInSuccess).not.toHaveBeenCalled();
    // The user can try again from the same card.
    expect(screen.getByRole('button', { name: 'Sign In' })).toBeEnabled();
  });

  it('tells a failed sign-in apart from a refusal', async () => {
    const dexAuthApi = mockDexAuthApi();
    dexAuthApi.getBackstageIdentity.mockImplementation(
      async (options?: { instantPopup?: boolean }) => {
        if (options?.instantPopup) {
          throw new Error('Login failed, popup was closed');
        }
        return undefined;
      },
    );
    renderSignInPage({ environment: 'production', dexAuthApi });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign In' }),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sign-in failed');
    expect(alert).toHaveTextContent('Login failed, popup was closed');
    expect(alert).not.toHaveTextContent('Sign-in refused');
  });

  it('shows an error passed back by a redirect sign-in', async () => {
    const dexAuthApi = mockDexAuthApi();
    const onSignInSuccess = jest.fn();
    renderInTestApp(<PorticoSignInPage onSignInSuccess={onSignInSuccess} />, {
      config: { ...baseConfig, auth: { environment: 'production' } },
      apis: [[dexAuthApiRef, dexAuthApi]],
      initialRouteEntries: [
        `/?error=${encodeURIComponent(
          'Sign-in refused: bob@example.com is not in the catalog.',
        )}`,
      ],
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('bob@example.com is not in the catalog');
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });
});
