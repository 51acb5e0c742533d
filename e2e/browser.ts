/*
 * Browser helpers for the journeys: Debian Chromium through playwright-core, one fresh context per
 * journey, numbered screenshots in e2e/screenshots/<journey>/<nn-step>.png, the guest sign-in, and
 * `journey()`, which wires a journey into node:test with a portal (see portal.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TestContext } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { usePortal } from './portal.ts';
import type { Portal } from './portal.ts';

export const screenshotsDir = join(import.meta.dirname, 'screenshots');

// Chromium runs in its own process group (Playwright starts it detached). Make sure it goes when
// this process goes, however that happens (test timeout, Ctrl-C, crash).
const browserGroups = new Set<number>();
let browserHooksInstalled = false;

function killGroup(pgid: number) {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function installBrowserHooks() {
  if (browserHooksInstalled) return;
  browserHooksInstalled = true;
  process.on('exit', () => browserGroups.forEach(killGroup));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      browserGroups.forEach(killGroup);
      browserGroups.clear();
      // Leave the exit to other handlers (portal.ts stops its portal first), else exit now.
      if (process.listenerCount(signal) === 1)
        process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Debian Chromium through playwright-core. Launched as a browser server so that its process is
 * known and can be killed as a group if closing it does not work.
 */
export async function launchChromium(): Promise<Chromium> {
  installBrowserHooks();
  const server = await chromium.launchServer({
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
  const pid = server.process().pid;
  if (pid) browserGroups.add(pid);
  const kill = () => {
    if (!pid) return;
    killGroup(pid);
    browserGroups.delete(pid);
  };
  try {
    const browser = await chromium.connect(server.wsEndpoint());
    return {
      browser,
      async close() {
        await browser.close().catch(() => {});
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise(r => (timer = setTimeout(r, 10_000)));
        await Promise.race([server.close(), timeout]).catch(() => {});
        clearTimeout(timer);
        kill();
      },
    };
  } catch (e) {
    kill();
    throw e;
  }
}

export interface Journey {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests to hosts other than the portal's, answered locally (see startJourney). */
  external: string[];
  /** Saves screenshots/<journey>/<nn>-<step>.png (nn counts up from 01). */
  shot(step: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens a fresh browser context on the portal. The journeys are hermetic: requests to any other
 * host are not sent. Third-party stylesheets (the Google Fonts CSS that mkdocs-material pages
 * link) get an empty stylesheet, everything else is aborted. A stylesheet that fails to load keeps
 * TechDocs content transparent forever (the reader waits for every stylesheet's load event), which
 * is what happens without internet access; PORTICO_E2E_EXTERNAL=allow shows that.
 */
export async function startJourney(
  name: string,
  baseURL: string,
): Promise<Journey> {
  const dir = join(screenshotsDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const { browser, close: closeBrowser } = await launchChromium();
  const viewport = { width: 1440, height: 900 };
  const context = await browser.newContext({ baseURL, viewport });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(60_000);

  const portalHost = new URL(baseURL).host;
  const external: string[] = [];
  // PORTICO_E2E_EXTERNAL=allow lets the browser reach other hosts (to see the real behaviour).
  const allowExternal = process.env.PORTICO_E2E_EXTERNAL === 'allow';
  await context.route(
    url =>
      !allowExternal &&
      url.host !== portalHost &&
      /^https?:$/.test(url.protocol),
    async route => {
      const request = route.request();
      external.push(request.url());
      if (request.resourceType() === 'stylesheet') {
        await route.fulfill({ status: 200, contentType: 'text/css', body: '' });
      } else {
        await route.abort('blockedbyclient');
      }
    },
  );
  const page = await context.newPage();

  let n = 0;
  return {
    browser,
    context,
    page,
    external,
    async shot(step) {
      n += 1;
      const file = join(dir, `${String(n).padStart(2, '0')}-${step}.png`);
      // Park the pointer in a corner so no hover effect from the last click shows up.
      await page.mouse.move(viewport.width - 1, viewport.height - 1);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close().catch(() => {});
      await closeBrowser();
    },
  };
}

/** Waits until the locator's first match is visible; the error names what was expected. */
export async function expectVisible(
  locator: Locator,
  what: string,
  timeout = 30_000,
): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (e) {
    throw new Error(
      `expected to see ${what}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

/** Waits until each of these exact texts is visible in the scope; `what` names each for errors. */
export async function expectTexts(
  scope: Page | Locator,
  texts: string[],
  what: (text: string) => string,
  timeout = 30_000,
): Promise<void> {
  for (const text of texts) {
    await expectVisible(
      scope.getByText(text, { exact: true }),
      what(text),
      timeout,
    );
  }
}

/**
 * Playwright counts `opacity: 0` as visible. Waits until the element and every ancestor, across
 * shadow roots, are rendered with a non-zero opacity, i.e. a user can actually see it.
 */
export async function expectOpaque(
  locator: Locator,
  what: string,
  timeout = 30_000,
) {
  const deadline = Date.now() + timeout;
  let hidden: string[] = [];
  while (Date.now() < deadline) {
    hidden = await locator
      .first()
      .evaluate(el => {
        const out: string[] = [];
        let node: Node | null = el;
        while (node) {
          if (node instanceof Element) {
            const style = getComputedStyle(node);
            if (
              style.opacity === '0' ||
              style.visibility === 'hidden' ||
              style.display === 'none'
            ) {
              out.push(
                `<${node.tagName.toLowerCase()}> opacity=${style.opacity}`,
              );
            }
          }
          node =
            node.parentNode instanceof ShadowRoot
              ? node.parentNode.host
              : node.parentNode;
        }
        return out;
      })
      .catch(e => [`(${(e as Error).message.split('\n')[0]})`]);
    if (hidden.length === 0) return;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `expected ${what} to be shown, but it is hidden by ${hidden.join(', ')}`,
  );
}

/** The sidebar of the signed-in app. */
export function sidebar(page: Page): Locator {
  return page.getByRole('navigation', { name: 'sidebar nav' });
}

/**
 * Signs in with the Guest provider of the sign-in page (offered when auth.environment is
 * development) and waits for the app shell.
 */
export async function signInAsGuest(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expectVisible(
    page.getByText('Guest', { exact: true }),
    'the Guest sign-in option',
    60_000,
  );
  await page.getByRole('button', { name: 'Enter' }).click();
  await expectVisible(
    sidebar(page).getByRole('link', { name: 'Catalog', exact: true }),
    'the Catalog link in the sidebar after signing in',
  );
}

/** Links of an entity page's header navigation ("Overview", "APIs", "TechDocs", ...). */
export function entityTab(
  page: Page,
  entityPath: string,
  name: RegExp,
): Locator {
  return page
    .locator(`a[href="${entityPath}"], a[href^="${entityPath}/"]`)
    .filter({ hasText: name });
}

export interface JourneyContext extends Journey {
  portal: Portal;
  t: TestContext;
  /** Runs one step of the journey and then screenshots it as <nn>-<name>.png. */
  step(name: string, body: () => Promise<void>): Promise<void>;
}

/**
 * Declares a journey as one node:test test. The portal comes from PORTICO_URL (set by
 * run-journeys.ts) or is started for this file alone and stopped afterwards.
 */
export function journey(
  name: string,
  body: (j: JourneyContext) => Promise<void>,
  { timeout = 300_000 }: { timeout?: number } = {},
): void {
  let portal: Portal | undefined;
  let open: Journey | undefined;
  before(
    async () => {
      portal = await usePortal({ restartOnChange: false });
    },
    { timeout: 20 * 60_000 },
  );
  after(async () => {
    // After a test timeout the test body is abandoned mid-step: close its browser here.
    await open?.close();
    await portal?.stop();
  });

  test(name, { timeout }, async t => {
    const j = await startJourney(name, portal!.url);
    open = j;
    try {
      await body({
        ...j,
        portal: portal!,
        t,
        async step(stepName, run) {
          const started = Date.now();
          await run();
          const file = await j.shot(stepName);
          t.diagnostic(
            `${stepName}: ok in ${((Date.now() - started) / 1000).toFixed(
              1,
            )} s -> ${file.slice(file.indexOf('screenshots'))}`,
          );
        },
      });
    } catch (e) {
      await j.shot('failed').catch(() => {});
      throw e;
    } finally {
      if (j.external.length) {
        t.diagnostic(
          `not sent (external): ${[
            ...new Set(j.external.map(u => new URL(u).host)),
          ].join(', ')}`,
        );
      }
      await j.close();
      open = undefined;
    }
  });
}

/**
 * Signs in with the Dex card of the sign-in page (offered when `portico.signIn.providers` names
 * dex, as the local platform's config does): Backstage opens the provider's login page in a popup,
 * where the Dex-like provider asks for login and password; the popup closes once the portal has
 * the session. Waits for the app shell.
 */
export async function signInWithDex(
  page: Page,
  login: string,
  password: string,
  path = '/',
): Promise<void> {
  await page.goto(path);
  await expectVisible(
    page.getByText('Dex', { exact: true }),
    'the Dex sign-in option',
    60_000,
  );
  // Guest's button says Enter: Sign In is the Dex card's.
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Sign In', exact: true }).click(),
  ]);
  await popup.waitForLoadState('domcontentloaded');
  // The provider is another host, which the journey's context does not reach: let the popup
  // post its login form there (page routes run before the context's blocking route).
  await popup.route(`${new URL(popup.url()).origin}/**`, route =>
    route.continue(),
  );
  await expectVisible(
    popup.getByLabel('Username'),
    "the login form of the OIDC provider's page",
  );
  await popup.getByLabel('Username').fill(login);
  await popup.getByLabel('Password').fill(password);
  await Promise.all([
    popup.waitForEvent('close', { timeout: 60_000 }),
    popup.getByRole('button', { name: 'Login' }).click(),
  ]);
  await expectVisible(
    sidebar(page).getByRole('link', { name: 'Catalog', exact: true }),
    `the Catalog link in the sidebar after signing in as ${login}`,
  );
}

/**
 * Fails when the page shows an error box: an MUI Alert of severity error (a snackbar too), a
 * Backstage ErrorPanel (a WarningPanel whose summary starts with "Error"), or Roadie's "Error
 * occurred while fetching data".
 */
export async function assertNoErrorBox(page: Page, where = ''): Promise<void> {
  const boxes = await page
    .locator(
      [
        '.MuiAlert-standardError',
        '.MuiAlert-filledError',
        '.MuiAlert-outlinedError',
        '[class*="BackstageWarningPanel-panel"]',
      ].join(', '),
    )
    .filter({ visible: true })
    .evaluateAll(els =>
      els
        .map(el => (el.textContent ?? '').trim().replace(/\s+/g, ' '))
        .filter(
          (text, i, all) =>
            // a WarningPanel of severity warning/info is not an error box
            !/^(Warning|Info|Success)\b/.test(text) && all.indexOf(text) === i,
        ),
    );
  const roadie = await page
    .getByText('Error occurred while fetching data')
    .filter({ visible: true })
    .count();
  if (roadie) boxes.push('Error occurred while fetching data');
  if (boxes.length) {
    throw new Error(
      `error box on ${where || page.url()}: ${boxes
        .map(b => b.slice(0, 300))
        .join(' | ')}`,
    );
  }
}

export interface PageGuard {
  /** Throws when the page had an uncaught error or the portal answered a request with a 5xx. */
  check(where: string): void;
}

/**
 * Records the page's uncaught errors (`pageerror`) and every portal response with status >= 500,
 * for {@link PageGuard.check} after each step.
 */
export function guardPage(page: Page, portalUrl: string): PageGuard {
  const portalHost = new URL(portalUrl).host;
  const failures: string[] = [];
  page.on('pageerror', e => failures.push(`page error: ${e.message}`));
  page.on('response', r => {
    if (r.status() >= 500 && new URL(r.url()).host === portalHost)
      failures.push(
        `${r.status()} from ${r.request().method()} ${
          new URL(r.url()).pathname
        }`,
      );
  });
  return {
    check(where) {
      if (failures.length) {
        throw new Error(`${where}: ${failures.splice(0).join('; ')}`);
      }
    },
  };
}
