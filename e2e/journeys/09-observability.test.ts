/*
 * Journey 9: a service's Observability tab with real metrics, from the observability peers
 * of portal.ts's local platform (portal.platform.observability: the real Prometheus with two days
 * of backfilled history, scraping an exporter of the example services, a Loki stand-in and a
 * Grafana stand-in, on free ports; the Grafana panels load from its URL in iframes). It looks
 * at: the overview card's current values, the tab's charts over 1h and 7d, the Grafana panels,
 * the logs panel telling a non-owner why it is empty, and the Cost page per team.
 */
import assert from 'node:assert/strict';
import { expectVisible, journey, signInAsGuest } from '../browser.ts';
import {
  expectChartsSettled,
  expectCostOfTeam,
  expectGrafanaPanel,
  expectObservabilityCharts,
  expectServiceHealth,
  scrollToLogs,
} from '../steps/observability.ts';

const componentPath = '/catalog/default/component/checkout-service';

journey('09-observability', async ({ page, step, portal }) => {
  const grafanaUrl = portal.platform?.observability?.grafanaUrl;
  assert.ok(
    grafanaUrl,
    "the Grafana stand-in (portal.ts's local platform runs the observability peers)",
  );
  // The Grafana stand-in is another host: let the browser load its panels (iframe mode).
  // (page routes run before the journey's context-wide blocking route)
  await page.route(`${grafanaUrl}/**`, route => route.continue());

  await step('overview-card', async () => {
    await signInAsGuest(page, componentPath);
    // current values from Prometheus, e.g. "85.4 req/s" and memory in MiB
    await expectServiceHealth(page, /MiB$/);
    await page.getByText('Service health').scrollIntoViewIfNeeded();
  });

  await step('observability-tab-1h', async () => {
    await page.goto(`${componentPath}/observability`);
    // CPU, Memory, Request rate, Errors, Latency, Restarts
    await expectObservabilityCharts(page);
    // the legends carry the latest values: usage against requests and limits, quantiles
    await expectVisible(
      page.getByText('requests', { exact: false }).first(),
      'the requests reference',
    );
    await expectVisible(
      page.getByText('p99').first(),
      'the p99 latency series',
    );
    const notices = await page
      .getByText(/not configured|did not answer|No metrics for this service/)
      .count();
    if (notices > 0)
      throw new Error(
        `expected charts with data, saw ${notices} empty/failure notices`,
      );
  });

  await step('grafana-and-logs', async () => {
    await page
      .getByText('Grafana', { exact: true })
      .first()
      .scrollIntoViewIfNeeded();
    const src = await expectGrafanaPanel(page, 'checkout-service');
    assert.ok(
      src.includes('/d-solo/service-overview/'),
      `unexpected panel URL ${src}`,
    );
    // The guest (Sandbox Team's developer) is not an owner of checkout-service (storefront-team):
    // logs say why.
    await expectVisible(
      page.getByText('Logs are visible to the owners of this service'),
      'the owners-only explanation of the logs panel',
    );
    await scrollToLogs(page);
  });

  await step('observability-tab-7d', async () => {
    await page.getByRole('button', { name: 'Last 7d' }).click();
    await page
      .getByText('CPU', { exact: true })
      .first()
      .scrollIntoViewIfNeeded();
    await expectChartsSettled(page, 'the 7d charts');
    await page.waitForTimeout(1_500);
  });

  await step('cost-page', async () => {
    await expectCostOfTeam(
      page,
      { name: 'storefront-team', title: 'Storefront Team' },
      'Checkout service',
    );
  });
});
