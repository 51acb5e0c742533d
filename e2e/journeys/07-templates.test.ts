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
import {
  expectFinishedTaskLinks,
  expectNewComponentPage,
  fillRepositoryPage,
  fillRuntimePage,
  fillServicePage,
  type NewServiceForm,
} from '../steps/templates.ts';

const name = `e2e-${Date.now().toString(36)}`;

journey('07-templates', async ({ page, step, portal }) => {
  const gitHost = portal.platform?.git?.host;
  assert.ok(
    gitHost,
    "the loopback Git server host (portal.ts's local platform; PORTICO_E2E_PLATFORM for an external portal)",
  );
  // MyGroupsPicker offers only the caller's groups: the journeys' guest (sandbox-developer) is
  // in one (sandbox-team), which the picker chooses (and locks) by itself; chooseOwner waits.
  const form: NewServiceForm = {
    name,
    ownerTitle: 'Sandbox Team',
    description: 'Shows the e2e journey can create a service',
    gitHost,
  };

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
    await fillServicePage(page, form);
  });

  await step('runtime-page', async () => {
    await fillRuntimePage(page);
  });

  await step('review-page', async () => {
    await fillRepositoryPage(page, form);
  });

  await step('task-finished', async () => {
    await expectFinishedTaskLinks(page, name, gitHost);
  });

  await step('component-page', async () => {
    await expectNewComponentPage(page, name, 'Sandbox Team');
  });
});
