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
  expectVisible,
  guardPage,
  journey,
  screenshotsDir,
  signInWithDex,
} from '../browser.ts';
import type { LocalPlatformInfo, LocalUser } from '../peers.ts';
import * as argocd from '../steps/argocd.ts';
import * as docs from '../steps/docs.ts';
import * as observability from '../steps/observability.ts';
import * as provisioning from '../steps/provisioning.ts';
import * as templates from '../steps/templates.ts';

const componentPath = argocd.paymentsApiPath;
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
      await signInWithDex(
        page,
        bob.login,
        bob.password,
        argocd.componentCatalogPath,
      );
      await argocd.expectDeploymentColumn(page, {
        sync: /^Sync status: /,
        health: /^Health: /,
      });
    });

    await step('deployment-card-and-health', async () => {
      await page.goto(componentPath);
      const card = await argocd.expectDeploymentCard(page, /^Health: /);
      await observability.expectServiceHealth(page, /\d (KiB|MiB|GiB)$/);
      await card.scrollIntoViewIfNeeded();
    });

    await step('deployments-tab-sync', async () => {
      const { prod } = await argocd.expectDeploymentsTab(
        page,
        /^Dev \d+$|^[A-Z][a-z]+ [A-Z][a-z]+$/,
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
      await observability.expectObservabilityCharts(page);
      await observability.expectGrafanaPanel(page, 'payments-api');
      // An owner reads the logs.
      const lines = page.locator('pre[aria-label="Log lines"]');
      await expectVisible(lines, "payments-api's log lines", 60_000);
      assert.ok(
        ((await lines.textContent()) ?? '').trim().length > 20,
        'the log panel shows lines',
      );
      await observability.scrollToLogs(page);
    });

    await step('cost', async () => {
      await observability.expectCostOfTeam(
        page,
        { name: 'payments-team', title: 'Payments Team' },
        'Payments API',
      );
    });

    await step('techdocs', async () => {
      await page.goto(componentPath);
      await docs.expectTechDocs(page, componentPath, ['Payment states']);
    });

    await step('api-definition', async () => {
      await page.goto(`${docs.paymentsApiApiPath}/definition`);
      await docs.expectApiDefinition(page);
    });

    await step('new-service-form', async () => {
      await page.goto('/create/templates/default/new-service');
      // bob is in one team (payments-team): MyGroupsPicker chooses it by itself.
      await templates.fillNewServiceForm(page, {
        name: service,
        ownerTitle: 'Payments Team',
        description: 'Created on the tour of Portico',
        gitHost: gitHost!,
      });
    });

    await step('new-service-finished', async () => {
      await templates.expectFinishedTaskLinks(page, service, gitHost!);
    });

    await step('new-service-in-catalog', async () => {
      await templates.expectNewComponentPage(page, service, 'Payments Team');
    });

    await step('provisioning-run', async () => {
      await page.goto('/create/templates/default/new-environment');
      await provisioning.startNewEnvironment(page, service, environment);
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL('**/create/tasks/**');
      await expectVisible(
        page.getByRole('link', { name: 'Provisioning run' }),
        'the link to the run',
        120_000,
      );
    });

    await step('provisioning-timeline', async () => {
      await provisioning.expectProvisioningTimeline(page, service);
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
