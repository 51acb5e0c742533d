/*
 * Journey 2: find the payments-api component through search. The search index is built by a
 * scheduled collator after startup, so the search is repeated for up to a minute.
 */
import assert from 'node:assert/strict';
import { expectVisible, journey, sidebar, signInAsGuest } from '../browser.ts';

const componentPath = '/catalog/default/component/payments-api';
const description = 'Card and wallet payment authorisation API';

journey('02-search', async ({ page, step, t }) => {
  await step('signed-in', async () => {
    await signInAsGuest(page);
  });

  const dialog = page.getByRole('dialog');
  const result = dialog.locator(`a[href="${componentPath}"]`);

  await step('search-results', async () => {
    const deadline = Date.now() + 60_000;
    for (let attempt = 1; ; attempt++) {
      // The sidebar's Search opens the search modal.
      await sidebar(page).getByText('Search', { exact: true }).click();
      const box = dialog.getByRole('textbox').first();
      await expectVisible(box, 'the search box of the search modal');
      await box.fill('payments');
      try {
        await expectVisible(
          result,
          `a search result linking to ${componentPath}`,
          5_000,
        );
        t.diagnostic(`search found payments-api on attempt ${attempt}`);
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await page.waitForTimeout(3_000);
      }
    }
    // `has` is evaluated inside each list item, so it takes a page-relative locator.
    const item = dialog
      .getByRole('listitem')
      .filter({ has: page.locator(`a[href="${componentPath}"]`) });
    await expectVisible(
      item.getByText(description),
      `the result's description "${description}"`,
    );
  });

  await step('component-page', async () => {
    await result.first().click();
    await page.waitForURL(`**${componentPath}`);
    await expectVisible(
      page.getByRole('heading', { name: /payments[- ]api/i }).first(),
      'the component page heading',
    );
    await expectVisible(
      page.getByText(description, { exact: true }),
      'the component description',
    );
    // The overview has loaded its relations: the API it provides is listed.
    const provided = page.locator('article').filter({
      has: page.getByRole('heading', { name: 'Provided APIs', exact: true }),
    });
    await expectVisible(
      provided.locator('a[href="/catalog/default/api/payments-api"]'),
      'payments-api under "Provided APIs"',
    );
    assert.equal(await dialog.count(), 0, 'search modal still open');
  });
});
