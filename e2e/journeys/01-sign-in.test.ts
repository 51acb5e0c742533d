/*
 * Journey 1: a developer opens Portico, sees the sign-in options (Dex, the single sign-on of the
 * local platform, from portico.signIn.providers of its generated config, and Guest, offered in
 * development), signs in as Guest and lands on the home page.
 */
import assert from 'node:assert/strict';
import { expectVisible, journey, sidebar } from '../browser.ts';

journey('01-sign-in', async ({ page, step }) => {
  await step('sign-in-page', async () => {
    await page.goto('/');
    await expectVisible(
      page.getByText('Guest', { exact: true }),
      'the Guest provider on the sign-in page',
      60_000,
    );
    await expectVisible(
      page.getByRole('button', { name: 'Enter' }),
      'the Enter button',
    );
    // The local platform's Dex is the other option, with its own button.
    await expectVisible(
      page.getByText('Dex', { exact: true }),
      'the Dex provider on the sign-in page',
    );
    await expectVisible(
      page.getByRole('button', { name: 'Sign in' }),
      "Dex's Sign in button",
    );
    // Not signed in yet: no app shell.
    assert.equal(
      await sidebar(page).count(),
      0,
      'sidebar shown before signing in',
    );
  });

  await step('home', async () => {
    await page.getByRole('button', { name: 'Enter' }).click();
    const nav = sidebar(page);
    for (const link of ['Home', 'Catalog', 'APIs', 'Docs']) {
      await expectVisible(
        nav.getByRole('link', { name: link, exact: true }),
        `"${link}" in the sidebar`,
      );
    }
    // The home page (page:home is mounted at /) greets with the app title and offers search.
    assert.equal(new URL(page.url()).pathname, '/');
    await expectVisible(
      page.getByRole('heading', { level: 1, name: /Portico/ }),
      'the home page heading naming Portico',
    );
    await expectVisible(
      page.getByPlaceholder(/search/i),
      'a search box on the home page',
    );
    assert.match(await page.title(), /Portico/);
  });
});
