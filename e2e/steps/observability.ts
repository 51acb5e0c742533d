/*
 * Steps of the observability views (journeys 09 and 10): the Service health card, the
 * Observability tab's charts and Grafana panels, the Cost page.
 */
import type { Page } from 'playwright-core';
import { expectTexts, expectVisible } from '../browser.ts';

/**
 * The Service health card of a component's overview (already open) with current values from
 * Prometheus, e.g. "85.4 req/s" and a memory figure matching `memory`.
 */
export async function expectServiceHealth(page: Page, memory: RegExp) {
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
    page.getByText(memory).first(),
    'a current memory figure',
  );
}

/** The charts of the Observability tab. */
export const chartTitles = [
  'CPU',
  'Memory',
  'Request rate',
  'Errors',
  'Latency',
  'Restarts',
];

/** The Observability tab (already open) shows these charts (all by default), and a drawn area. */
export async function expectObservabilityCharts(
  page: Page,
  titles: string[] = chartTitles,
) {
  await expectTexts(page, titles, title => `the ${title} chart`);
  await expectVisible(
    page.locator('.recharts-area-area').first(),
    'a drawn chart area',
    30_000,
  );
}

/**
 * The charts of the Observability tab after another range was chosen: the previous charts stay
 * (dimmed, aria-busy) until the tab's one request answers; then none is busy and an area is drawn.
 */
export async function expectChartsSettled(page: Page, what: string) {
  await page
    .waitForFunction(
      () =>
        document.querySelectorAll('[data-testid^="signal-"] [aria-busy="true"]')
          .length === 0,
      undefined,
      { timeout: 30_000 },
    )
    .catch(() => {
      throw new Error(`${what}: the charts were still loading after 30 s`);
    });
  await expectVisible(page.locator('.recharts-area-area').first(), what);
}

/**
 * The Observability tab's embedded Grafana "Request rate" panel for the service and the "Open
 * in Grafana" link. Returns the panel's URL.
 */
export async function expectGrafanaPanel(
  page: Page,
  service: string,
): Promise<string> {
  const panel = page.locator('iframe[title="Request rate"]');
  await expectVisible(panel, 'the embedded Request rate panel');
  const src = await panel.getAttribute('src');
  if (!src?.includes(`var-service=${service}`)) {
    throw new Error(`expected a panel URL for ${service}, saw ${src}`);
  }
  await expectVisible(
    page.getByRole('link', { name: /Open in Grafana/ }),
    'the Open in Grafana link',
  );
  return src;
}

/** Scrolls the logs panel of the Observability tab into view. */
export async function scrollToLogs(page: Page) {
  await page
    .getByText('Logs', { exact: true })
    .first()
    .scrollIntoViewIfNeeded();
}

/**
 * The Cost page: the cost table has the team's row (group:default/<team>, titled `teamTitle`),
 * which opens to the service (titled `serviceTitle`).
 */
export async function expectCostOfTeam(
  page: Page,
  team: { name: string; title: string },
  serviceTitle: string,
) {
  await page.goto('/cost');
  await expectVisible(
    page.getByRole('table', { name: 'Cost per team' }),
    'the cost table',
  );
  await expectVisible(
    // (the link's peek-ahead popover holds a hidden copy of the name)
    page.getByText(team.title).filter({ visible: true }),
    `the ${team.title} row`,
    60_000,
  );
  await page
    .getByRole('button', {
      name: new RegExp(`Show services of group:default/${team.name}`),
    })
    .click();
  await expectVisible(
    page.getByText(serviceTitle).filter({ visible: true }),
    `${serviceTitle} under its team`,
  );
}
