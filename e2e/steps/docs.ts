/*
 * Steps of payments-api's documentation (journeys 04, 05 and 10): its TechDocs and the
 * OpenAPI definition of the payments-api API rendered by Swagger UI.
 */
import type { Locator, Page } from 'playwright-core';
import { entityTab, expectOpaque, expectVisible } from '../browser.ts';

export const paymentsApiApiPath = '/catalog/default/api/payments-api';

/**
 * From the component page (already open), the TechDocs tab: text from
 * catalog/components/payments-api/docs/index.md (rendered inside the reader's shadow DOM; the
 * first visit waits for the mkdocs build), these section headings, and the content shown to a
 * user (the reader keeps the page transparent until the site's stylesheets have loaded).
 */
export async function expectTechDocs(
  page: Page,
  componentPath: string,
  headings: string[],
) {
  await entityTab(page, componentPath, /^(Tech)?Docs$/).click();
  await page.waitForURL(`**${componentPath}/docs`);
  const intro = page.getByText(
    'Card and wallet payment authorisation API for the commerce domain',
  );
  await expectVisible(intro, 'the introduction of docs/index.md', 90_000);
  for (const heading of headings) {
    await expectVisible(
      page.getByRole('heading', { name: heading }),
      `the "${heading}" section`,
    );
  }
  await expectOpaque(intro, 'the TechDocs content');
}

/**
 * The API's Definition page (already open): Swagger UI with the operation POST /payments
 * "Authorise a payment" and the refunds path. Returns Swagger UI and that operation.
 */
export async function expectApiDefinition(
  page: Page,
): Promise<{ swagger: Locator; createPayment: Locator }> {
  const swagger = page.locator('.swagger-ui');
  await expectVisible(swagger, 'Swagger UI', 60_000);
  const createPayment = swagger
    .locator('.opblock')
    .filter({
      has: page
        .locator('.opblock-summary-path')
        .getByText('/payments', { exact: true }),
    })
    .filter({ hasText: 'Authorise a payment' });
  await expectVisible(
    createPayment,
    'the operation "POST /payments - Authorise a payment"',
  );
  await expectVisible(
    swagger
      .locator('.opblock-summary-path')
      .getByText('/payments/{paymentId}/refunds', { exact: true }),
    'the refunds path /payments/{paymentId}/refunds',
  );
  return { swagger, createPayment };
}
