/*
 * Steps of Portico's Argo CD views (journeys 06 and 10): the catalog list's Deployment column,
 * the Deployment card and the Deployments tab of payments-api.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expectVisible } from '../browser.ts';

export const paymentsApiPath = '/catalog/default/component/payments-api';
export const componentCatalogPath =
  '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all';

/**
 * The catalog list (already open) has a Deployment column, payments-api's row its sync and
 * health chips (titles "Sync status: ..." and "Health: ..."), and several rows a status.
 */
export async function expectDeploymentColumn(
  page: Page,
  chips: { sync: string | RegExp; health: string | RegExp },
) {
  await expectVisible(
    page.getByRole('columnheader', { name: 'Deployment' }),
    'the Deployment column of the catalog list',
  );
  const row = page.getByRole('row').filter({
    has: page.locator(`a[href$="${paymentsApiPath}"]`),
  });
  await expectVisible(
    row.getByTitle(chips.sync),
    "payments-api's sync chip in its row",
  );
  await expectVisible(
    row.getByTitle(chips.health),
    "payments-api's health chip in its row",
  );
  // Rows of other services are filled too.
  const cells = page.getByTestId('argocd-status-cell');
  assert.ok((await cells.count()) >= 5, 'several rows show a status');
}

/**
 * payments-api's overview (already open): Portico's Deployment card with both instances'
 * applications and a health chip (its title `health`). Returns the card.
 */
export async function expectDeploymentCard(
  page: Page,
  health: string | RegExp,
): Promise<Locator> {
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Deployment', { exact: true }) })
    .filter({ hasText: 'Last rollout' });
  await expectVisible(card, "Portico's Deployment card");
  await expectVisible(
    card.getByText('on prod'),
    'the prod application in the card',
  );
  await expectVisible(
    card.getByText('on staging'),
    'the staging application in the card',
  );
  await expectVisible(card.getByTitle(health), 'a health chip in the card');
  return card;
}

/**
 * From payments-api's overview, the Deployments tab (in the header's "Deployment" group, with
 * Kubernetes): both applications' panels, a commit author in prod's history table and the
 * Deployment resource. Returns the panels.
 */
export async function expectDeploymentsTab(
  page: Page,
  author: RegExp,
): Promise<{ prod: Locator; staging: Locator }> {
  await page.getByRole('button', { name: /^Deployment$/ }).click();
  await page.getByRole('menuitemradio', { name: 'Deployments' }).click();
  await page.waitForURL(`**${paymentsApiPath}/deployments`);
  const prod = page.getByTestId('argocd-app-prod-payments-api');
  const staging = page.getByTestId('argocd-app-staging-payments-api');
  await expectVisible(prod, 'the prod application panel');
  await expectVisible(staging, 'the staging application panel');
  await expectVisible(
    prod.getByRole('table').first().getByText(author).first(),
    'a commit author in the history table',
  );
  await expectVisible(
    prod.getByRole('cell', { name: 'Deployment' }),
    'the Deployment resource',
  );
  return { prod, staging };
}
