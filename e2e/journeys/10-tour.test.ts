/*
 * Journey 10: the tour. Against the whole local platform (git, Argo CD, observability, Argo
 * Events, Dex), bob (payments-team, owner of payments-api) signs in through the Dex-like OIDC
 * provider and walks every capability with data: the catalog's Deployment column, payments-api's
 * Deployment card and Deployments tab with history (and a Sync, which an owner may do), service
 * health, the Observability tab with Grafana panels and logs, the Cost page, TechDocs, the API
 * definition, Create -> New service run to the end with its links, and a new environment
 * provisioned through Argo Events to the end. Then erin (auditors) signs in, in a fresh browser
 * context, and finds bob's actions in the audit log.
 *
 * Every step fails on an uncaught page error, a 5xx from the portal or a visible error box.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  assertNoErrorBox,
  entityTab,
  expectOpaque,
  expectVisible,
  guardPage,
  journey,
  screenshotsDir,
  signInWithDex,
} from '../browser.ts';
import type { LocalPlatformInfo, LocalUser } from '../peers.ts';

const componentPath = '/catalog/default/component/payments-api';
const apiPath = '/catalog/default/api/payments-api';
const catalogPath =
  '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all';
const service = `tour-${Date.now().toString(36)}`;
const environment = `${service}-staging`;

function userOf(platform: LocalPlatformInfo, login: string): LocalUser {
  const user = platform.users.find(u => u.login === login);
  assert.ok(
    user,
    `user ${login} in the local platform's description (portal.platform.users)`,
  );
  return user;
}

async function chooseOption(page: Page, label: RegExp, option: string) {
  await page
    .getByRole('combobox', { name: label })
    .or(page.getByRole('button', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The entity page does not poll: reload, as a user would, until the catalog has the entity. */
async function reloadUntil(page: Page, text: string) {
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

journey(
  '10-tour',
  async ({ page, portal, step: shotStep, browser }) => {
    const platform = portal.platform;
    assert.ok(
      platform,
      'the local platform the portal runs with (portal.platform; for an external portal set PORTICO_E2E_PLATFORM)',
    );
    const bob = userOf(platform, 'bob');
    const erin = userOf(platform, 'erin');
    const gitHost = platform.git?.host;
    assert.ok(gitHost, 'the loopback Git server host of the local platform');
    const grafanaUrl = platform.observability?.grafanaUrl;
    assert.ok(grafanaUrl, "the local platform's Grafana stand-in");
    // The Grafana panels load from the stand-in in iframes: let the browser reach it
    // (page routes run before the journey's context-wide blocking route).
    await page.route(`${new URL(grafanaUrl).origin}/**`, route =>
      route.continue(),
    );

    const guard = guardPage(page, portal.url);
    let steps = 0;
    const step = (name: string, body: () => Promise<void>) =>
      shotStep(name, async () => {
        steps += 1;
        await body();
        await assertNoErrorBox(page, name);
        guard.check(name);
      });

    await step('bob-signs-in-catalog', async () => {
      await signInWithDex(page, bob.login, bob.password, catalogPath);
      await expectVisible(
        page.getByRole('columnheader', { name: 'Deployment' }),
        'the Deployment column of the catalog list',
      );
      const row = page.getByRole('row').filter({
        has: page.locator(`a[href$="${componentPath}"]`),
      });
      await expectVisible(
        row.getByTitle(/^Sync status: /),
        "payments-api's sync chip in its row",
      );
      await expectVisible(
        row.getByTitle(/^Health: /),
        "payments-api's health chip in its row",
      );
      const cells = page.getByTestId('argocd-status-cell');
      assert.ok((await cells.count()) >= 5, 'several rows show a status');
    });

    await step('deployment-card-and-health', async () => {
      await page.goto(componentPath);
      const card = page
        .locator('.MuiCard-root')
        .filter({ has: page.getByText('Deployment', { exact: true }) })
        .filter({ hasText: 'Last rollout' });
      await expectVisible(card, "Portico's Deployment card");
      await expectVisible(card.getByText('on prod'), 'prod in the card');
      await expectVisible(card.getByText('on staging'), 'staging in the card');
      await expectVisible(
        card.getByTitle(/^Health: /),
        'a health chip in the card',
      );
      await expectVisible(
        page.getByText('Service health'),
        'the Service health card',
      );
      await expectVisible(
        page.getByText(/req\/s$/).first(),
        'a current request rate',
        60_000,
      );
      await expectVisible(
        page.getByText(/\d (KiB|MiB|GiB)$/).first(),
        'a current memory figure',
      );
      await card.scrollIntoViewIfNeeded();
    });

    await step('deployments-tab-sync', async () => {
      await page.getByRole('button', { name: /^Deployment$/ }).click();
      await page.getByRole('menuitemradio', { name: 'Deployments' }).click();
      await page.waitForURL(`**${componentPath}/deployments`);
      const prod = page.getByTestId('argocd-app-prod-payments-api');
      await expectVisible(prod, 'the prod application panel');
      await expectVisible(
        page.getByTestId('argocd-app-staging-payments-api'),
        'the staging application panel',
      );
      await expectVisible(
        prod
          .getByRole('table')
          .first()
          .getByText(/^Dev \d+$|^[A-Z][a-z]+ [A-Z][a-z]+$/),
        'a commit author in the history table',
      );
      await expectVisible(
        prod.getByRole('cell', { name: 'Deployment' }),
        'the Deployment resource',
      );
      // bob owns payments-api: Sync is his to press.
      const sync = prod.getByRole('button', { name: 'Sync', exact: true });
      await expectVisible(sync, 'the Sync button');
      // enabled once the permission check for bob has answered
      await sync
        .locator('xpath=self::*[not(@disabled)]')
        .waitFor({ timeout: 20_000 })
        .catch(() => {
          throw new Error('Sync stays disabled for bob, the owner');
        });
      await sync.click();
      const dialog = page.getByRole('dialog');
      await expectVisible(
        dialog.getByText('Sync payments-api on prod?'),
        'the confirmation dialog',
      );
      await dialog.getByRole('button', { name: 'Sync', exact: true }).click();
      await expectVisible(
        page.getByText(/^Sync of payments-api on prod started/),
        'the sync started message',
      );
      await page.evaluate(() => window.scrollTo(0, 0));
    });

    await step('observability-grafana-logs', async () => {
      await page.goto(`${componentPath}/observability`);
      for (const title of ['CPU', 'Memory', 'Request rate', 'Latency']) {
        await expectVisible(
          page.getByText(title, { exact: true }).first(),
          `the ${title} chart`,
        );
      }
      await expectVisible(
        page.locator('.recharts-area-area').first(),
        'a drawn chart area',
      );
      await expectVisible(
        page.locator('iframe[title="Request rate"]'),
        'the embedded Request rate panel',
      );
      const src = await page
        .locator('iframe[title="Request rate"]')
        .getAttribute('src');
      assert.ok(
        src?.includes('var-service=payments-api'),
        `panel URL for payments-api: ${src}`,
      );
      await expectVisible(
        page.getByRole('link', { name: /Open in Grafana/ }),
        'the Open in Grafana link',
      );
      // An owner reads the logs.
      const lines = page.locator('pre[aria-label="Log lines"]');
      await expectVisible(lines, "payments-api's log lines", 60_000);
      assert.ok(
        ((await lines.textContent()) ?? '').trim().length > 20,
        'the log panel shows lines',
      );
      await page
        .getByText('Logs', { exact: true })
        .first()
        .scrollIntoViewIfNeeded();
    });

    await step('cost', async () => {
      await page.goto('/cost');
      await expectVisible(
        page.getByRole('table', { name: 'Cost per team' }),
        'the cost table',
      );
      await expectVisible(
        page.getByText('Payments Team').filter({ visible: true }),
        'the payments team row',
        60_000,
      );
      await page
        .getByRole('button', {
          name: /Show services of group:default\/payments-team/,
        })
        .click();
      await expectVisible(
        page.getByText('Payments API').filter({ visible: true }),
        'payments-api under its team',
      );
    });

    await step('techdocs', async () => {
      await page.goto(componentPath);
      await entityTab(page, componentPath, /^(Tech)?Docs$/).click();
      await page.waitForURL(`**${componentPath}/docs`);
      const intro = page.getByText(
        'Card and wallet payment authorisation API for the commerce domain',
      );
      await expectVisible(intro, 'the introduction of docs/index.md', 90_000);
      await expectVisible(
        page.getByRole('heading', { name: 'Payment states' }),
        'the "Payment states" section',
      );
      await expectOpaque(intro, 'the TechDocs content');
    });

    await step('api-definition', async () => {
      await page.goto(`${apiPath}/definition`);
      const swagger = page.locator('.swagger-ui');
      await expectVisible(swagger, 'Swagger UI', 60_000);
      await expectVisible(
        swagger
          .locator('.opblock')
          .filter({ hasText: 'Authorise a payment' })
          .filter({ hasText: '/payments' }),
        'the operation "POST /payments - Authorise a payment"',
      );
      await expectVisible(
        swagger
          .locator('.opblock-summary-path')
          .getByText('/payments/{paymentId}/refunds', { exact: true }),
        'the refunds path',
      );
    });

    await step('new-service-form', async () => {
      await page.goto('/create/templates/default/new-service');
      await page.getByRole('textbox', { name: /^Name/ }).fill(service);
      // bob is in one team (payments-team): MyGroupsPicker chooses it by itself.
      const owner = page.getByLabel(/^Owner/);
      await expectVisible(owner, 'the owner picker');
      if (await owner.isEnabled()) {
        await owner.click();
        await page.getByRole('option', { name: 'Payments Team' }).click();
      }
      await page.waitForFunction(
        el => (el as HTMLInputElement).value === 'Payments Team',
        await owner.elementHandle(),
      );
      await page
        .getByRole('textbox', { name: /^Description/ })
        .fill('Created on the tour of Portico');
      await page.getByRole('button', { name: 'Next' }).click();
      await chooseOption(page, /^Language/, 'Go');
      await chooseOption(page, /^Expected traffic/, 'Medium (2-5 replicas)');
      await chooseOption(page, /^Storage/, 'PostgreSQL database');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('textbox', { name: /^Git server/ }).fill(gitHost!);
      await page.getByRole('button', { name: 'Review' }).click();
      await expectVisible(
        page.getByText(service, { exact: true }),
        'the name on the review page',
      );
    });

    await step('new-service-finished', async () => {
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL('**/create/tasks/**');
      for (const link of [
        'Repository',
        /GitOps commit [0-9a-f]{7}/,
        `Argo CD application ${service}`,
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
        repo?.includes(gitHost!) && repo.includes(service),
        `the repository link points at the loopback Git server: ${repo}`,
      );
    });

    await step('new-service-in-catalog', async () => {
      await page.getByRole('link', { name: 'Open in catalog' }).click();
      await page.waitForURL(`**/catalog/default/component/${service}`);
      await reloadUntil(page, 'Payments Team');
      await expectVisible(
        page.getByRole('heading', { name: service }).first(),
        'the new component page',
      );
      await expectVisible(
        page.getByText('Payments Team').first(),
        'the owning team on the component page',
      );
    });

    await step('provisioning-run', async () => {
      await page.goto('/create/templates/default/new-environment');
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
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL('**/create/tasks/**');
      await expectVisible(
        page.getByRole('link', { name: 'Provisioning run' }),
        'the link to the run',
        120_000,
      );
    });

    await step('provisioning-timeline', async () => {
      await page.getByRole('link', { name: 'Provisioning run' }).click();
      await page.waitForURL('**/provisioning?run=**');
      const timeline = page.getByRole('list', { name: 'Timeline' });
      await expectVisible(timeline, 'the run timeline');
      for (const text of ['namespace', 'rbac', 'baseline']) {
        await expectVisible(
          timeline.getByText(text, { exact: true }).first(),
          `the ${text} step`,
        );
      }
      await expectVisible(
        page.getByText('Succeeded').first(),
        'the run succeeded',
        60_000,
      );
      await expectVisible(
        page.getByText(`new-environment for component:default/${service}`),
        'the run title',
      );
    });

    // erin, an auditor, in a fresh browser context.
    const context = await browser.newContext({
      baseURL: portal.url,
      viewport: { width: 1440, height: 900 },
    });
    try {
      context.setDefaultTimeout(30_000);
      const portalHost = new URL(portal.url).host;
      await context.route(
        url => url.host !== portalHost && /^https?:$/.test(url.protocol),
        route => route.abort('blockedbyclient'),
      );
      const audit = await context.newPage();
      const auditGuard = guardPage(audit, portal.url);
      const shot = async (name: string) => {
        steps += 1;
        await assertNoErrorBox(audit, name);
        auditGuard.check(name);
        await audit.mouse.move(1439, 899);
        await audit.screenshot({
          path: join(
            screenshotsDir,
            '10-tour',
            `${String(steps).padStart(2, '0')}-${name}.png`,
          ),
        });
      };

      try {
        await signInWithDex(audit, erin.login, erin.password, '/audit');
        const table = audit.getByRole('table', { name: 'Audit events' });
        await expectVisible(table, 'the audit events table', 60_000);
        await shot('erin-audit-log');
        const filters = audit.getByRole('form', { name: 'Audit log filters' });
        for (const action of [
          'scaffolder.task',
          'provisioning.provisioning-run-trigger',
          'argocd.argocd-application-sync',
        ]) {
          await filters.getByLabel('Actor').fill(bob.entityRef);
          await filters.getByLabel('Action').fill(action);
          await filters.getByLabel('Action').press('Enter');
          await audit.waitForURL(
            url =>
              url.searchParams.get('actor') === bob.entityRef &&
              url.searchParams.get('action') === action,
          );
          const row = table.getByRole('row').filter({
            has: audit.getByRole('cell', { name: action, exact: true }),
          });
          await expectVisible(row.first(), `bob's ${action} in the audit log`);
          await expectVisible(
            row.first().getByRole('cell', { name: bob.entityRef, exact: true }),
            `bob as the actor of ${action}`,
          );
          const actors = await table
            .locator('tbody tr td:nth-child(2)')
            .allTextContents();
          assert.deepEqual(
            [...new Set(actors)],
            [bob.entityRef],
            `the filter shows only bob's ${action} events`,
          );
          await shot(`erin-finds-${action.replace(/\W+/g, '-')}`);
        }
      } catch (error) {
        await audit
          .screenshot({
            path: join(
              screenshotsDir,
              '10-tour',
              `${String(steps + 1).padStart(2, '0')}-failed-audit.png`,
            ),
          })
          .catch(() => undefined);
        throw error;
      }
    } finally {
      await context.close();
    }
  },
  { timeout: 900_000 },
);
