/*
 * Journey 5: read the payments-api TechDocs from the component's docs tab. The first visit builds
 * the site with mkdocs on the backend (runIn: local), which can take a while.
 */
import { expectVisible, journey, signInAsGuest } from '../browser.ts';
import { expectTechDocs } from '../steps/docs.ts';

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
    // Text from catalog/components/payments-api/docs/index.md, shown to a user (not left at
    // opacity 0); allow for the first mkdocs build.
    await expectTechDocs(page, componentPath, [
      'Payment states',
      'Service levels',
    ]);
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
