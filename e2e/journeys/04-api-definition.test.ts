/*
 * Journey 4: from the payments-api component, open the API it provides and read its OpenAPI
 * definition, rendered by Swagger UI on the API entity's Definition page.
 */
import assert from 'node:assert/strict';
import {
  entityTab,
  expectVisible,
  journey,
  signInAsGuest,
} from '../browser.ts';
import {
  expectApiDefinition,
  paymentsApiApiPath as apiPath,
} from '../steps/docs.ts';

const componentPath = '/catalog/default/component/payments-api';

journey('04-api-definition', async ({ page, step }) => {
  await step('component-apis-tab', async () => {
    await signInAsGuest(page, componentPath);
    await entityTab(page, componentPath, /^APIs$/).click();
    await page.waitForURL(`**${componentPath}/apis`);
    const provided = page.locator('article').filter({
      has: page.getByRole('heading', { name: 'Provided APIs', exact: true }),
    });
    await expectVisible(
      provided.locator(`a[href="${apiPath}"]`),
      'payments-api under "Provided APIs"',
    );
  });

  await step('api-page', async () => {
    await page.locator(`article a[href="${apiPath}"]`).first().click();
    await page.waitForURL(`**${apiPath}`);
    await expectVisible(
      page.getByText('openapi', { exact: true }),
      'the API type "openapi"',
    );
    // The API page knows its provider: payments-api is a node of its Relations graph.
    await expectVisible(
      page.locator('[data-testid="node"]').filter({
        has: page.locator('title', {
          hasText: /^component:default\/payments-api$/,
        }),
      }),
      'payments-api in the Relations graph of the API',
    );
  });

  await step('definition', async () => {
    // The Definition page sits in the header's "Documentation" menu (or is a tab of its own).
    const menu = page.getByRole('button', { name: 'Documentation' });
    if (await menu.isVisible()) await menu.click();
    await page
      .getByRole('menuitemradio', { name: 'Definition' })
      .or(entityTab(page, apiPath, /^Definition$/))
      .first()
      .click();
    await page.waitForURL(`**${apiPath}/definition`);

    // The operations of the OpenAPI document: POST /payments "Authorise a payment", ...
    const { swagger, createPayment } = await expectApiDefinition(page);
    assert.equal(
      (
        await createPayment
          .first()
          .locator('.opblock-summary-method')
          .textContent()
      )?.trim(),
      'POST',
    );
    await expectVisible(
      swagger.getByRole('heading', { name: /Payments API/ }),
      'the OpenAPI info title',
    );
    await createPayment.first().scrollIntoViewIfNeeded();
  });
});
