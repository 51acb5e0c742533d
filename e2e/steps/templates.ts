/*
 * Steps of the "New service" template (journeys 07 and 10): the form's pages, the finished task
 * and the new component page.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectVisible } from '../browser.ts';

/** Opens a select or combobox of a template form by its label and picks an option. */
export async function chooseOption(page: Page, label: RegExp, option: string) {
  await page
    .getByRole('combobox', { name: label })
    .or(page.getByRole('button', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Chooses the team in MyGroupsPicker (the "Owner" field). The picker loads the caller's groups
 * first; with exactly one it chooses it by itself and locks (disables) the field, with several
 * the user picks one. A click while it is still loading opens a popup that the lock then closes,
 * so this waits until the picker has settled: the value is already the team (done), or the field
 * is enabled and its open popup offers the team (choose it).
 */
export async function chooseOwner(
  page: Page,
  teamTitle: string,
  timeoutMs = 30_000,
): Promise<void> {
  const owner = page.getByLabel(/^Owner/);
  await expectVisible(owner, 'the owner picker');
  const option = page.getByRole('option', { name: teamTitle, exact: true });
  const deadline = Date.now() + timeoutMs;
  while ((await owner.inputValue()) !== teamTitle) {
    if (Date.now() > deadline) {
      throw new Error(
        `expected "${teamTitle}" in the owner picker, saw "${await owner.inputValue()}"`,
      );
    }
    if (await option.isVisible()) {
      // the lock may detach the option between the check and the click: look again
      await option.click({ timeout: 2_000 }).catch(() => undefined);
      continue;
    }
    // MUI's Autocomplete sets aria-controls on the input while its popup is open; a click on
    // an open popup would close it again.
    const open = (await owner.getAttribute('aria-controls')) !== null;
    if (!open && (await owner.isEnabled())) {
      await owner.click({ timeout: 2_000 }).catch(() => undefined);
    }
    await page.waitForTimeout(250);
  }
}

export interface NewServiceForm {
  name: string;
  ownerTitle: string;
  description: string;
  gitHost: string;
}

/** The first page of New service (already open): name, owner, description. */
export async function fillServicePage(page: Page, form: NewServiceForm) {
  await page.getByRole('textbox', { name: /^Name/ }).fill(form.name);
  await chooseOwner(page, form.ownerTitle);
  await page
    .getByRole('textbox', { name: /^Description/ })
    .fill(form.description);
}

/** Next, then the runtime page: Go, medium traffic, PostgreSQL. */
export async function fillRuntimePage(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
  await chooseOption(page, /^Language/, 'Go');
  await chooseOption(page, /^Expected traffic/, 'Medium (2-5 replicas)');
  await chooseOption(page, /^Storage/, 'PostgreSQL database');
}

/** Next, then the repository page (the Git server), then Review, which shows the name. */
export async function fillRepositoryPage(page: Page, form: NewServiceForm) {
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: /^Git server/ }).fill(form.gitHost);
  await page.getByRole('button', { name: 'Review' }).click();
  await expectVisible(
    page.getByText(form.name, { exact: true }),
    'the name on the review page',
  );
}

/** Every page of New service, from its first page (already open) to the review page. */
export async function fillNewServiceForm(page: Page, form: NewServiceForm) {
  await fillServicePage(page, form);
  await fillRuntimePage(page);
  await fillRepositoryPage(page, form);
}

/**
 * Create on the review page; the finished task links the repository (on the loopback Git
 * server), the GitOps commit, the Argo CD application and the catalog entity.
 */
export async function expectFinishedTaskLinks(
  page: Page,
  name: string,
  gitHost: string,
) {
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
  const repo = await page
    .getByRole('link', { name: 'Repository' })
    .getAttribute('href');
  assert.ok(
    repo?.includes(gitHost) && repo.includes(name),
    `the repository link points at the loopback Git server: ${repo}`,
  );
}

/** The entity page does not poll: reload, as a user would, until the catalog has the entity. */
export async function reloadUntil(page: Page, text: string) {
  const found = page.getByText(text).first();
  const notFound = page.getByText('Entity not found').first();
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    await found
      .or(notFound)
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    if (await found.isVisible().catch(() => false)) return;
    await page.waitForTimeout(2_000);
    await page.reload();
  }
}

/**
 * "Open in catalog" of the finished task leads to the new component page with its team.
 * catalog:register adds the location; the catalog processes it moments later.
 */
export async function expectNewComponentPage(
  page: Page,
  name: string,
  ownerTitle: string,
) {
  await page.getByRole('link', { name: 'Open in catalog' }).click();
  await page.waitForURL(`**/catalog/default/component/${name}`);
  await reloadUntil(page, ownerTitle);
  await expectVisible(
    page.getByRole('heading', { name }).first(),
    'the new component page',
  );
  await expectVisible(
    page.getByText(ownerTitle).first(),
    'the owning team on the component page',
  );
}
