/*
 * Journey 7: create a service the GitOps way. The guest (in the journeys the developer of the
 * e2e-only Sandbox Team, e2e/catalog/sandbox.yaml and e2e/app-config.e2e.yaml; the development
 * guest is of no team and may create nothing) opens Create, picks "New service", fills the
 * form as a user would (name, owner from the groups the picker offers, description, language,
 * traffic, storage, the local Git server), runs it, and sees the finished task with links to the
 * repository, the GitOps commit, the Argo CD application and the catalog entity. The backend
 * publishes to the loopback Git server of portal.ts's local platform (portal.platform.git).
 */
import assert from 'node:assert/strict';
import { expectVisible, journey, signInAsGuest } from '../browser.ts';

const name = `e2e-${Date.now().toString(36)}`;

journey('07-templates', async ({ page, step, portal }) => {
  const gitHost = portal.platform?.git?.host;
  assert.ok(
    gitHost,
    "the loopback Git server host (portal.ts's local platform; PORTICO_E2E_PLATFORM for an external portal)",
  );

  await step('create-page', async () => {
    await signInAsGuest(page, '/create');
    await expectVisible(
      page.getByText('New service', { exact: true }),
      'the New service template',
    );
    await expectVisible(
      page.getByText('Add a secret to an existing service', { exact: true }),
      'the Add a secret template',
    );
  });

  await step('service-page', async () => {
    const card = page
      .locator('article, [class*="Card"]')
      .filter({ hasText: 'New service' })
      .filter({ has: page.getByRole('button', { name: /choose/i }) })
      .last();
    await card.getByRole('button', { name: /choose/i }).click();
    await page.waitForURL('**/create/templates/default/new-service');
    await page.getByRole('textbox', { name: /^Name/ }).fill(name);
    // MyGroupsPicker offers only the caller's groups: the journeys' guest (sandbox-developer) is
    // in one (sandbox-team), which the picker chooses (and locks) by itself; with several, the
    // user picks one.
    const owner = page.getByLabel(/^Owner/);
    await expectVisible(owner, 'the owner picker');
    if (await owner.isEnabled()) {
      await owner.click();
      await page.getByRole('option', { name: 'Sandbox Team' }).click();
    }
    await expectValue(owner, 'Sandbox Team');
    await page
      .getByRole('textbox', { name: /^Description/ })
      .fill('Shows the e2e journey can create a service');
  });

  await step('runtime-page', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await chooseOption(page, /^Language/, 'Go');
    await chooseOption(page, /^Expected traffic/, 'Medium (2-5 replicas)');
    await chooseOption(page, /^Storage/, 'PostgreSQL database');
  });

  await step('review-page', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    const host = page.getByRole('textbox', { name: /^Git server/ });
    await host.fill(gitHost!);
    await page.getByRole('button', { name: 'Review' }).click();
    await expectVisible(
      page.getByText(name, { exact: true }),
      'the name on the review page',
    );
  });

  await step('task-finished', async () => {
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL('**/create/tasks/**');
    for (const link of [
      'Repository',
      /GitOps commit [0-9a-f]{7}/,
      `Argo CD application ${name}`,
      'Open in catalog',
    ]) {
      await expectVisible(
        page.getByRole('link', { name: link }),
        `the "${link}" link of the finished task`,
        120_000,
      );
    }
  });

  await step('component-page', async () => {
    await page.getByRole('link', { name: 'Open in catalog' }).click();
    await page.waitForURL(`**/catalog/default/component/${name}`);
    // catalog:register adds the location; the catalog processes it moments later. The entity
    // page does not poll, so, like a user, reload while it still says "Entity not found".
    const owner = page.getByText('Sandbox Team').first();
    const notFound = page.getByText('Entity not found').first();
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      await owner
        .or(notFound)
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => undefined);
      if (await owner.isVisible().catch(() => false)) break;
      await page.waitForTimeout(2_000);
      await page.reload();
    }
    await expectVisible(
      page.getByRole('heading', { name }).first(),
      'the new component page',
    );
    await expectVisible(
      page.getByText('Sandbox Team').first(),
      'the owning team on the component page',
    );
  });
});

async function expectValue(
  locator: import('playwright-core').Locator,
  value: string,
) {
  const deadline = Date.now() + 30_000;
  while ((await locator.inputValue()) !== value) {
    if (Date.now() > deadline)
      throw new Error(
        `expected "${value}" in the owner picker, saw "${await locator.inputValue()}"`,
      );
    await new Promise(r => setTimeout(r, 200));
  }
}

async function chooseOption(
  page: import('playwright-core').Page,
  label: RegExp,
  option: string,
) {
  await page
    .getByRole('combobox', { name: label })
    .or(page.getByRole('button', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
