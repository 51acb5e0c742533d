/*
 * Journey 3: open the payments-api component page and see its dependency graph: the catalog-graph
 * "Relations" card on the overview and the full graph page, each showing the related entities.
 * The expected neighbours come from the catalog API (the component's relations), so the journey
 * follows the example catalog instead of copying it.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expectVisible, journey, signInAsGuest } from '../browser.ts';
import { guestToken } from '../guest.ts';

const componentRef = 'component:default/payments-api';
const componentPath = '/catalog/default/component/payments-api';

interface Entity {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string };
  spec?: { profile?: { displayName?: string } };
  relations?: { type: string; targetRef: string }[];
}

interface GraphNode {
  ref: string;
  label: string;
}

/** payments-api itself and the entities it is related to, with the labels the graph shows. */
async function neighbourhood(
  baseUrl: string,
): Promise<{ self: GraphNode; related: GraphNode[] }> {
  const headers = {
    authorization: `Bearer ${await guestToken(baseUrl)}`,
    'content-type': 'application/json',
  };
  const res = await fetch(
    `${baseUrl}/api/catalog/entities/by-name/component/default/payments-api`,
    {
      headers,
    },
  );
  assert.equal(res.status, 200, 'payments-api is in the catalog');
  const entity = (await res.json()) as Entity;
  const refs = [...new Set((entity.relations ?? []).map(r => r.targetRef))];
  const byRefs = await fetch(`${baseUrl}/api/catalog/entities/by-refs`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ entityRefs: refs }),
  });
  const { items } = (await byRefs.json()) as { items: (Entity | null)[] };
  // The graph labels nodes with the entity presentation's primary title.
  const label = (e: Entity) =>
    e.metadata.title ?? e.spec?.profile?.displayName ?? e.metadata.name;
  return {
    self: { ref: componentRef, label: label(entity) },
    // A relation to an entity that is not in the catalog has no node in the graph.
    related: refs.flatMap((ref, i) =>
      items[i] ? [{ ref, label: label(items[i]!) }] : [],
    ),
  };
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^$|()[\]{}\\]/g, '\\$&')}$`);
}

/** The graph node for an entity ref (each node carries the ref as its SVG <title>). */
function node(page: Page, graph: Locator, ref: string): Locator {
  return graph
    .locator('[data-testid="node"]')
    .filter({ has: page.locator('title', { hasText: exactly(ref) }) });
}

async function expectNodes(page: Page, graph: Locator, expected: GraphNode[]) {
  for (const { ref, label } of expected) {
    const n = node(page, graph, ref);
    await expectVisible(n, `the graph node for ${ref}`);
    const text = (await n.first().locator('text').first().textContent()) ?? '';
    assert.ok(
      text.includes(label),
      `node ${ref} is labelled "${text}", expected "${label}"`,
    );
  }
}

journey('03-dependency-graph', async ({ page, step, portal, t }) => {
  const { self, related } = await neighbourhood(portal.url);
  t.diagnostic(
    `expecting ${related.length} neighbours: ${related
      .map(r => r.ref)
      .join(', ')}`,
  );
  // The example catalog wires payments-api to its API, datastore and the services it calls.
  for (const ref of [
    'api:default/payments-api',
    'resource:default/payments-db',
  ]) {
    assert.ok(
      related.some(r => r.ref === ref),
      `payments-api is related to ${ref}`,
    );
  }
  assert.ok(
    related.length >= 5,
    `payments-api has only ${related.length} related entities`,
  );

  await step('component-overview', async () => {
    await signInAsGuest(page, componentPath);
    await expectVisible(
      page.getByRole('heading', { name: /payments[- ]api/i }).first(),
      'the payments-api page heading',
    );
  });

  await step('relations-card', async () => {
    const card = page.locator('article').filter({
      has: page.getByRole('heading', { name: 'Relations', exact: true }),
    });
    await expectVisible(card, 'the Relations card');
    // The component itself is the graph's centre, surrounded by its neighbours.
    await expectNodes(page, card, [self]);
    await expectNodes(page, card, related);
    // Edge labels read "<relation> / <reverse relation>".
    await expectVisible(
      card.locator('text').filter({ hasText: /^dependsOn\b/ }),
      'a dependsOn edge label',
    );
    await expectVisible(
      card.locator('text').filter({ hasText: /\bprovidesApi$/ }),
      'a providesApi edge label',
    );
    // Centre the rendered graph for the screenshot.
    await card.evaluate(el => el.scrollIntoView({ block: 'center' }));
  });

  await step('graph-page', async () => {
    await page.getByRole('link', { name: /view graph/i }).click();
    await page.waitForURL(/\/catalog-graph\?/);
    assert.match(
      decodeURIComponent(page.url()),
      /rootEntityRefs\[\]=component:default\/payments-api/,
    );
    const graph = page.locator('svg#dependency-graph');
    await expectNodes(page, graph, [self, ...related]);
  });
});
