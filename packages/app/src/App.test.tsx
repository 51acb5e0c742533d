import { render, screen } from '@testing-library/react';
import App from './App';

function setAppConfig(data: Record<string, unknown>) {
  process.env = {
    ...process.env,
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'Portico', baseUrl: 'http://localhost:3000' },
          backend: { baseUrl: 'http://localhost:7007' },
          techdocs: {
            storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
          },
          ...data,
        },
        context: 'test',
      },
    ] as any,
  };
}

// Rendering the whole app (all its extensions) takes a while.
jest.setTimeout(30_000);

describe('App', () => {
  const originalEnv = process.env;

  afterEach(() => {
    process.env = originalEnv;
    localStorage.clear();
  });

  it('asks for sign-in, as a guest, in development', async () => {
    setAppConfig({ auth: { environment: 'development' } });

    render(App.createRoot());

    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 10000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Sign in to Portico')).toBeInTheDocument();
    expect(screen.queryByText('Dex')).not.toBeInTheDocument();
  });

  // The production (Dex) variant is covered in
  // modules/auth/PorticoSignInPage.test.tsx: the app caches its config, so a
  // second render here would still see the development config.
});
