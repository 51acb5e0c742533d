/*
 * Freshness in the browser: the real app (packages/app/dist, served by the backend under test
 * through the app backend, config injected) open in Chromium (playwright-core, /usr/bin/chromium
 * or CHROMIUM_PATH, headless) on the entity page of svc-NNNN, signed in as the guest (the bench's
 * catalog User). FRESHNESS_CHANGES times, one after the other, prod's health of that
 * application changes in the fake and the time is taken from just before the control call until
 * the page's Deployment card shows it (the card's prod row, polled in the page every
 * FRESHNESS_POLL_MS); the page is never reloaded: only what the app does by itself counts.
 * After BROWSER_GIVE_UP_MS without the change showing, that change counts as
 * FRESHNESS_TIMEOUT_MS and the probe stops (`unseen`: the changes not seen).
 * BENCH_ARGOCD_BROWSER=0 leaves the probe out; without packages/app/dist it is left out too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { parse } from 'yaml';
import type { Fakes, ServedApp } from './children';
import { changeHealth, Freshness, otherHealth, summarize } from './freshness';
import {
  FRESHNESS_CHANGES,
  FRESHNESS_GAP_MS,
  FRESHNESS_POLL_MS,
  FRESHNESS_TIMEOUT_MS,
  REPO,
} from './settings';
import { pad } from './viewers';

/** How long the page may take to show one change before the probe gives up. */
const BROWSER_GIVE_UP_MS = 15_000;

export interface BrowserProbe {
  served: ServedApp;
  browser: Browser;
  close(): Promise<void>;
}

const DIST = path.join(REPO, 'packages/app/dist/index.html');

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The frontend's part of Portico's shared config (app-config.yaml): `app` (title, the feature
 * packages it discovers and those it leaves out, extensions) and `organization`.
 */
function frontendConfig(): ServedApp['frontend'] {
  const shared = parse(
    fs.readFileSync(path.join(REPO, 'app-config.yaml'), 'utf8'),
  );
  return { app: shared.app, organization: shared.organization };
}

/** Chromium and the app config the served frontend needs; undefined when left out (says why). */
export async function startBrowserProbe(): Promise<BrowserProbe | undefined> {
  if (process.env.BENCH_ARGOCD_BROWSER === '0') return undefined;
  if (!fs.existsSync(DIST)) {
    process.stdout.write(
      `browser freshness left out: ${DIST} is missing (yarn workspace app build)\n`,
    );
    return undefined;
  }
  const built = fs.statSync(DIST).mtimeMs;
  const sources = ['packages/app/src', 'plugins/argocd/src'].map(d =>
    newest(path.join(REPO, d)),
  );
  if (Math.max(...sources) > built)
    process.stdout.write(
      `note: packages/app/dist (built ${new Date(
        built,
      ).toISOString()}) is older than the ` +
        `sources of packages/app or plugins/argocd: the page runs the built code\n`,
    );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    // the sign-in page offers Guest in development only (packages/app signInProviders)
    served: { authEnvironment: 'development', frontend: frontendConfig() },
    browser,
    close: () => browser.close(),
  };
}

/** The changes, on svc-<entity> (500..999) of prod, seen on its open entity page. */
export async function browserFreshness(
  probe: BrowserProbe,
  base: string,
  fakes: Fakes,
  first: number,
): Promise<Freshness> {
  const entity = 500 + (first % 500);
  const name = `svc-${pad(entity)}`;
  const context = await probe.browser.newContext({ baseURL: base });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    page.on('console', m => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // the signals channel the page opens (what should bring the change), for the report
    const sockets: string[] = [];
    page.on('websocket', ws => {
      const at = new URL(ws.url()).pathname;
      sockets.push(`${at} open`);
      ws.on('close', () => sockets.push(`${at} closed`));
      ws.on('socketerror', e => sockets.push(`${at} error ${e}`));
    });
    const row = page.getByTestId(`argocd-card-app-prod-${name}`);
    try {
      await page.goto(`/catalog/default/component/${name}`);
      await page
        .getByRole('button', { name: 'Enter' })
        .click({ timeout: 60_000 });
      await row.waitFor({ timeout: 60_000 });
    } catch (e) {
      const text = await page.innerText('body').catch(() => '');
      throw new Error(
        `browser: ${name}'s page without the Deployment card's prod row: ${
          (e as Error).message.split('\n')[0]
        }; page errors: ${JSON.stringify(
          errors.slice(0, 3),
        )}; the page says: ${text.replace(/\s+/g, ' ').slice(0, 400)}`,
      );
    }
    const times: number[] = [];
    let unseen = 0;
    for (let k = 0; k < FRESHNESS_CHANGES; k++) {
      const shown = (await row.textContent()) ?? '';
      const wanted = otherHealth(
        shown.includes('Degraded') ? 'Degraded' : 'Healthy',
      );
      const started = performance.now();
      await changeHealth(fakes, entity, wanted);
      const seen = await page
        .waitForFunction(
          ([id, text]) =>
            document
              .querySelector(`[data-testid="${id}"]`)
              ?.textContent?.includes(text) ?? false,
          [`argocd-card-app-prod-${name}`, wanted],
          { polling: FRESHNESS_POLL_MS, timeout: BROWSER_GIVE_UP_MS },
        )
        .then(
          () => true,
          () => false,
        );
      if (!seen) {
        unseen = FRESHNESS_CHANGES - k;
        times.push(...Array(unseen).fill(FRESHNESS_TIMEOUT_MS));
        process.stdout.write(
          `  browser: ${name}'s page did not show ${wanted} within ${BROWSER_GIVE_UP_MS} ms ` +
            `(no reload); ${unseen} changes counted unseen; websockets: ${JSON.stringify(
              sockets,
            )}; page errors: ${JSON.stringify(errors.slice(0, 3))}\n`,
        );
        break;
      }
      times.push(performance.now() - started);
      await new Promise(r => setTimeout(r, FRESHNESS_GAP_MS));
    }
    return summarize(times, unseen);
  } finally {
    await context.close();
  }
}
