/*
 * Journey 11: service health at a glance on payments-api's overview, from the local platform's
 * GitHub and cluster stand-ins (peers github and cluster).
 *   - bob (payments-team, the owner) sees the Code card (repository, default branch, commits
 *     with their pipeline), CI/CD (runs), Vulnerabilities with each CVE's fix, Policy compliance
 *     with its score and how to fix a failed check, and Blast radius.
 *   - carol (storefront-team) sees the same counts and score, but not which CVEs: the card says
 *     the details are for the owning team.
 * Every step fails on a visible error box or a portal 5xx.
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
import { paymentsApiPath } from '../steps/argocd.ts';

/** An overview card by its title. */
const card = (page: Page, title: string) =>
  page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) });

/**
 * Reloads until the sources have been read (the backend reads GitHub and the cluster a few
 * seconds after it starts): the card leaves its "no data yet" state.
 */
async function waitForRead(page: Page, title: string, notYet: RegExp) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const c = card(page, title);
    await expectVisible(c, `the ${title} card`, 60_000);
    await c.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle').catch(() => {});
    if (!notYet.test((await c.textContent()) ?? '')) return c;
    assert.ok(
      Date.now() < deadline,
      `the ${title} card still says no data yet`,
    );
    await new Promise(r => setTimeout(r, 3_000));
    await page.reload();
  }
}

journey(
  '11-service-health',
  async ({ page, portal, step: shotStep, browser }) => {
    const platform = portal.platform;
    assert.ok(platform, 'the local platform the portal runs with');
    const user = (login: string) => {
      const u = platform.users.find(x => x.login === login);
      assert.ok(u, `user ${login} of the local platform`);
      return u;
    };
    const guard = guardPage(page, portal.url);
    const step = (name: string, body: () => Promise<void>) =>
      shotStep(name, async () => {
        await body();
        await assertNoErrorBox(page, name);
        guard.check(name);
      });

    await step('owner-code-and-ci', async () => {
      const bob = user('bob');
      await signInWithDex(page, bob.login, bob.password, paymentsApiPath);
      const code = await waitForRead(page, 'Code', /No data yet/);
      await expectVisible(
        code.getByText('acme/payments-api'),
        'the repository',
      );
      await expectVisible(
        code.getByTestId('default-branch'),
        'the default branch',
      );
      assert.ok(
        (await code.locator('[data-testid^="commit-"]').count()) > 0,
        'the last commits',
      );
      const ci = card(page, 'CI/CD');
      await ci.scrollIntoViewIfNeeded();
      assert.ok(
        (await ci.locator('[data-testid^="run-"]').count()) > 0,
        'recent workflow runs',
      );
    });

    await step('owner-vulnerabilities', async () => {
      const c = await waitForRead(page, 'Vulnerabilities', /No data yet/);
      // The cluster stand-in's payments-api image: 3 high, 2 medium, 2 low, 4 fixable.
      await expectVisible(
        c.getByTitle('3 high vulnerabilities'),
        'the high count',
      );
      await expectVisible(
        c.getByText(/^4 fixable by upgrading/),
        'the fixable count',
      );
      const row = c.getByRole('row').filter({ hasText: 'CVE-2026-29404' });
      await expectVisible(row, 'a CVE of the running image');
      await expectVisible(
        row.getByText('upgrade to 0.33.0'),
        'its remediation',
      );
      await expectVisible(
        c
          .getByRole('row')
          .filter({ hasText: 'CVE-2026-22035' })
          .getByText('no fix yet'),
        'a CVE without a fix yet',
      );
    });

    await step('owner-compliance', async () => {
      const c = await waitForRead(page, 'Policy compliance', /No data yet/);
      await expectVisible(c.getByTestId('compliance-score'), 'the score');
      await expectVisible(c.getByText(/checks (fail|pass)\./), 'the summary');
      // The stand-in's Deployment sets no requests/limits: that check fails, with its fix.
      const resources = c.getByTestId('check-portico:resources');
      await expectVisible(resources, 'the resources check');
      await expectVisible(resources.getByText(/^How to fix:/), 'how to fix it');
      await expectVisible(
        resources.getByText(/Deployment payments\/payments-api/),
        'the object',
      );
    });

    await step('owner-blast-radius', async () => {
      const c = card(page, 'Blast radius');
      await c.scrollIntoViewIfNeeded();
      await expectVisible(
        c
          .getByTestId('blast-radius-count')
          .or(c.getByTestId('blast-radius-empty')),
        'who breaks if payments-api breaks',
      );
    });

    // carol, another team, in a fresh browser context.
    const context = await browser.newContext({
      baseURL: portal.url,
      viewport: { width: 1440, height: 900 },
    });
    try {
      const other = await context.newPage();
      const carol = user('carol');
      await signInWithDex(other, carol.login, carol.password, paymentsApiPath);
      const c = await waitForRead(other, 'Vulnerabilities', /No data yet/);
      await expectVisible(
        c.getByTitle('3 high vulnerabilities'),
        'carol sees the counts',
      );
      await expectVisible(
        c.getByTestId('vulnerabilities-hidden'),
        'who sees the details',
      );
      assert.equal(
        await c.getByText('CVE-2026-29404').count(),
        0,
        'no CVE for carol',
      );
      await assertNoErrorBox(other, 'carol');
      await other.screenshot({
        path: join(
          screenshotsDir,
          '11-service-health',
          '05-carol-counts-only.png',
        ),
      });
    } finally {
      await context.close();
    }
  },
);
