/*
 * Journey 6: Argo CD deployment status. portal.ts's local platform runs two fake Argo CD instances
 * (prod, staging; @internal/local-platform) serving the example catalog's applications, and the backend's argocd
 * plugin reads them. The journey looks at:
 *   - the catalog list's Deployment column (sync + health per row, ONE batched status request),
 *   - payments-api's overview: Portico's Deployment card and Roadie's unmodified "ArgoCD overview"
 *     and "ArgoCD history" cards filled from the backend (not an error),
 *   - the Deployments tab: both instances' applications, history, resources, the link into Argo
 *     CD, and Sync / Hard refresh disabled for the guest (not an owner) with the reason,
 *   - a change in the fake (payments-api Degraded on prod) showing on the open page without a
 *     reload (the backend's watch and signals),
 *   - staging taken down: a "stale" banner for it while prod and staging's last data still show.
 * And, through the API, that the guest's sync of one named application is refused (403 with the
 * reason) and that there is no entity-wide sync route any more.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import {
  expectVisible,
  journey,
  screenshotsDir,
  signInAsGuest,
} from '../browser.ts';
import { argocdControl } from '@internal/local-platform/control';
import { guestToken } from '../guest.ts';
import {
  componentCatalogPath as catalogPath,
  expectDeploymentCard,
  expectDeploymentColumn,
  expectDeploymentsTab,
  paymentsApiPath as componentPath,
} from '../steps/argocd.ts';

interface StatusItem {
  syncStatus?: string;
  healthStatus?: string;
}

/** The backend's own answer for payments-api, to compare the page with. */
async function backendStatus(baseUrl: string): Promise<StatusItem> {
  const ref = 'component:default/payments-api';
  const res = await fetch(`${baseUrl}/api/argocd/status`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await guestToken(baseUrl)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ entityRefs: [ref] }),
  });
  assert.equal(res.status, 200, 'POST /api/argocd/status');
  const body = (await res.json()) as { items: Record<string, StatusItem> };
  return body.items[ref];
}

/**
 * The guest (Sandbox Team's developer, not an owner of payments-api: payments-team) may not sync
 * payments-api's application, nor reach an entity-wide sync.
 */
async function guestSyncRefused(baseUrl: string) {
  const headers = {
    authorization: `Bearer ${await guestToken(baseUrl)}`,
    'content-type': 'application/json',
  };
  const entity = `${baseUrl}/api/argocd/entities/component/default/payments-api`;
  const named = await fetch(`${entity}/applications/prod/payments-api/sync`, {
    method: 'POST',
    headers,
    body: '{}',
  });
  assert.equal(named.status, 403, 'the guest cannot sync payments-api');
  const body = (await named.json()) as { error: { message: string } };
  assert.match(
    body.error.message,
    /Only the owners of component:default\/payments-api/,
  );
  const wide = await fetch(`${entity}/sync`, {
    method: 'POST',
    headers,
    body: '{}',
  });
  assert.equal(wide.status, 404, 'no entity-wide sync route');
}

journey('06-argocd', async ({ page, portal, step }) => {
  // The fake's control server (absent when PORTICO_URL points at a portal whose platform this run
  // did not start: its fakes are not ours to change).
  const controlUrl = portal.platform?.argocd?.control;
  const control = controlUrl ? argocdControl(controlUrl) : undefined;
  const expected = await backendStatus(portal.url);
  assert.ok(
    expected.syncStatus,
    'the backend knows payments-api from the fake',
  );
  await guestSyncRefused(portal.url);

  await step('catalog-list-column', async () => {
    const statusRequests: Request[] = [];
    page.on('request', r => {
      if (r.method() === 'POST' && r.url().endsWith('/api/argocd/status'))
        statusRequests.push(r);
    });
    await signInAsGuest(page, catalogPath);
    await expectDeploymentColumn(page, {
      sync: `Sync status: ${expected.syncStatus}`,
      health: `Health: ${expected.healthStatus}`,
    });
    // The rows of other services are filled by the same single request. Later requests (a live
    // change signalled meanwhile) carry only the rows it touched.
    const refsOf = (r: Request): string[] =>
      JSON.parse(r.postData() ?? '{}').entityRefs;
    const refs = refsOf(statusRequests[0]);
    assert.ok(
      refs.length >= 5,
      `the batch carries every annotated row (${refs.length})`,
    );
    for (const later of statusRequests.slice(1)) {
      assert.ok(
        refsOf(later).length < refs.length,
        `a later status request refreshes only changed rows (${
          refsOf(later).length
        } of ${refs.length})`,
      );
    }
  });

  await step('overview-deployment-card', async () => {
    await page.goto(componentPath);
    const card = await expectDeploymentCard(
      page,
      `Health: ${expected.healthStatus}`,
    );
    await card.scrollIntoViewIfNeeded();
  });

  await step('overview-roadie-cards', async () => {
    // Roadie's cards, unmodified, in backend mode against our /api/argocd routes.
    const overview = page
      .locator('.MuiPaper-root')
      .filter({ has: page.getByText('ArgoCD overview', { exact: true }) })
      .last();
    await expectVisible(overview, "Roadie's ArgoCD overview card");
    for (const instance of ['prod', 'staging']) {
      await expectVisible(
        overview
          .getByRole('row')
          .filter({ hasText: 'payments-api' })
          .filter({ hasText: instance }),
        `payments-api on ${instance} in Roadie's overview table`,
      );
    }
    const history = page
      .locator('.MuiPaper-root')
      .filter({ has: page.getByText('ArgoCD history', { exact: true }) })
      .last();
    await expectVisible(history, "Roadie's ArgoCD history card");
    // Commit metadata comes from the backend's revision metadata route: the fake's messages
    // about the application (plugins/argocd-backend fakeCommits.ts).
    await expectVisible(
      history.getByText(
        /^(Raise|Bump|Set|Add|Enable|Lower|Pin|Roll) .*payments-api/,
      ),
      "a commit message in Roadie's history table",
    );
    assert.equal(
      await page.getByText('Error occurred while fetching data').count(),
      0,
      'no Roadie card shows an error',
    );
    await overview.scrollIntoViewIfNeeded();
  });

  await step('deployments-tab', async () => {
    // The tab sits in the entity page's "Deployment" group (with Kubernetes). The history's
    // authors are example users (e-mail cut off).
    const { prod, staging } = await expectDeploymentsTab(
      page,
      /^(Alice Andersen|Bob Brennan|Carol Castillo|Dan Dimitrov)$/,
    );
    await expectVisible(
      prod.getByText('matches the Git target'),
      'that prod runs the Git target',
    );
    await expectVisible(
      staging.getByText(/not deployed yet/),
      'that staging is behind its Git target',
    );
    assert.equal(
      await prod
        .getByRole('link', { name: /Open in Argo CD/ })
        .getAttribute('href'),
      'https://argocd.prod.example.com/applications/argocd/payments-api',
    );
    // The guest's team owns none of the example services: the actions are there, disabled, and
    // say why.
    const sync = prod.getByRole('button', { name: 'Sync', exact: true });
    assert.equal(
      await sync.isDisabled(),
      true,
      'Sync is disabled for the guest',
    );
    assert.equal(
      await prod
        .getByRole('button', { name: 'Hard refresh', exact: true })
        .isDisabled(),
      true,
      'Hard refresh is disabled for the guest',
    );
    await prod.getByTestId('argocd-sync-denied').hover();
    await expectVisible(
      page.getByRole('tooltip').filter({ hasText: /owning team|owners/i }),
      'the reason why the guest cannot sync',
    );
    // The step's own screenshot parks the pointer first, which closes the tooltip.
    await page.screenshot({
      path: join(screenshotsDir, '06-argocd', '04b-sync-denied-reason.png'),
    });
    // Leave the tooltip before the step's screenshot (the reason is also written under the buttons).
    await page.mouse.move(1, 1);
    await page.getByRole('tooltip').waitFor({ state: 'hidden' });
  });

  await step('live-change', async () => {
    if (!control) return;
    await page.goto(componentPath);
    const card = await expectDeploymentCard(
      page,
      `Health: ${expected.healthStatus}`,
    );
    const prod = card.getByTestId('argocd-card-app-prod-payments-api');
    const reloads: string[] = [];
    const onLoad = () => reloads.push(page.url());
    page.on('load', onLoad);
    try {
      const changedAt = Date.now();
      await control.changeApp('prod', 'payments-api', {
        healthStatus: 'Degraded',
      });
      await expectVisible(
        prod.getByTitle('Health: Degraded'),
        "payments-api's new health on the open page, without a reload",
        10_000,
      );
      console.log(
        `06-argocd: a change in Argo CD showed on the open page after ${
          Date.now() - changedAt
        } ms`,
      );
      assert.deepEqual(reloads, [], 'the page was not reloaded');
    } finally {
      page.off('load', onLoad);
      await control.changeApp('prod', 'payments-api', {
        healthStatus: expected.healthStatus,
      });
    }
    await expectVisible(
      prod.getByTitle(`Health: ${expected.healthStatus}`),
      "payments-api's health back as it was",
      10_000,
    );
    // Back on the Deployments tab for the next step.
    await page.goto(`${componentPath}/deployments`);
  });

  await step('stale-instance', async () => {
    if (!control) return;
    await control.fault('staging', { kind: 'down' });
    try {
      const banner = page.getByTestId('argocd-instance-banner-staging');
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        await page.reload();
        await expectVisible(
          page.getByTestId('argocd-app-prod-payments-api'),
          'the prod application panel after reload',
        );
        if (await banner.isVisible()) break;
        await new Promise(r => setTimeout(r, 2_000));
      }
      await expectVisible(
        banner,
        'the stale banner of the staging instance',
        1_000,
      );
      assert.match(
        (await banner.textContent()) ?? '',
        /staging: stale, \d+ (s|min)/,
      );
      // Its last data and the other instance still show; no red error box.
      await expectVisible(
        page
          .getByTestId('argocd-app-staging-payments-api')
          .getByText(/^stale, /),
        "staging's last known application, marked stale",
      );
      assert.equal(
        await page.getByTestId('argocd-instance-banner-prod').count(),
        0,
        'no banner for prod',
      );
      await page.evaluate(() => window.scrollTo(0, 0));
    } finally {
      await control.fault('staging', { kind: 'none' });
    }
  });
});
