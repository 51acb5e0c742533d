/*
 * Journey 5: read the payments-api TechDocs from the component's docs tab. The first visit builds
 * the site with mkdocs on the backend (runIn: local), which can take a while.
 */
import {
  entityTab,
  expectOpaque,
  expectVisible,
  journey,
  signInAsGuest,
} from '../browser.ts';

const componentPath = '/catalog/default/component/payments-api';

journey('05-techdocs', async ({ page, step }) => {
  await step('component-page', async () => {
    await signInAsGuest(page, componentPath);
    await expectVisible(
      page.getByRole('heading', { name: /payments[- ]api/i }).first(),
      'the payments-api page heading',
    );
  });

  await step('docs-tab', async () => {
    await entityTab(page, componentPath, /^(Tech)?Docs$/).click();
    await page.waitForURL(`**${componentPath}/docs`);
    // Text from catalog/components/payments-api/docs/index.md, rendered inside the TechDocs
    // reader's shadow DOM. Allow for the first mkdocs build.
    const intro = page.getByText(
      'Card and wallet payment authorisation API for the commerce domain',
    );
    await expectVisible(intro, 'the introduction of docs/index.md', 90_000);
    await expectVisible(
      page.getByRole('heading', { name: 'Payment states' }),
      'the "Payment states" section',
    );
    await expectVisible(
      page.getByRole('heading', { name: 'Service levels' }),
      'the "Service levels" section',
    );
    // The reader keeps the page transparent until the site's stylesheets have loaded.
    await expectOpaque(intro, 'the TechDocs content');
  });

  await step('docs-navigation', async () => {
    // The site's navigation from mkdocs.yml leads to the runbook.
    const runbook = page
      .getByRole('link', { name: 'Runbook', exact: true })
      .first();
    await expectVisible(runbook, 'the Runbook entry of the docs navigation');
    await runbook.click();
    await page.waitForURL(/\/docs\/.*runbook|\/runbook\/?$/i);
    await expectVisible(
      page.getByRole('heading', { level: 1 }).filter({ hasText: /runbook/i }),
      'the runbook page',
    );
  });
});
