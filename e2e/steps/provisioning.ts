/*
 * Steps of the "New environment" template and the Provisioning page (journeys 08 and 10).
 */
import type { Page } from 'playwright-core';
import { expectTexts, expectVisible } from '../browser.ts';

/**
 * On the New environment template (already open): the service from OwnedEntityPicker (only the
 * caller's team's entities are offered), Next, the environment's name with PostgreSQL, Review,
 * which shows the name.
 */
export async function startNewEnvironment(
  page: Page,
  service: string,
  environment: string,
) {
  const picker = page
    .getByRole('combobox', { name: /Service or system/ })
    .or(page.getByRole('textbox', { name: /Service or system/ }))
    .first();
  await picker.click();
  await picker.fill(service);
  await page
    .getByRole('option', { name: new RegExp(service) })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('textbox', { name: /^Environment name/ })
    .fill(environment);
  await page.getByRole('checkbox', { name: 'PostgreSQL' }).check();
  await page.getByRole('button', { name: 'Review' }).click();
  await expectVisible(
    page.getByText(environment, { exact: true }),
    'the environment name on the review page',
  );
}

/**
 * From the task page, "Provisioning run" leads to the Provisioning page: the run's timeline with
 * the workflow's steps (namespace, rbac, baseline and its resource link), Succeeded, its title.
 */
export async function expectProvisioningTimeline(
  page: Page,
  service: string,
  succeededTimeoutMs = 60_000,
) {
  await page.getByRole('link', { name: 'Provisioning run' }).click();
  await page.waitForURL('**/provisioning?run=**');
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expectVisible(timeline, 'the run timeline');
  await expectTexts(
    timeline,
    ['namespace', 'rbac', 'baseline'],
    text => `the ${text} step`,
  );
  await expectVisible(
    page.getByText('Succeeded').first(),
    'the run succeeded',
    succeededTimeoutMs,
  );
  await expectVisible(
    timeline.getByRole('link', { name: 'baseline' }),
    'a resource link of the baseline step',
  );
  await expectVisible(
    page.getByText(`new-environment for component:default/${service}`),
    'the run title',
  );
}
