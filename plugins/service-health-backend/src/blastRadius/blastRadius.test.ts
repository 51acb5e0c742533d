import type { Entity } from '@backstage/catalog-model';
import { blastRadius } from './blastRadius';
import { dependentsGraph } from './dependentsGraph';

/** A component with the relations the catalog computes from its spec. */
function component(
  name: string,
  owner: string,
  rel: { dependencyOf?: string[]; providesApi?: string[] } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      ...(rel.dependencyOf ?? []).map(n => ({
        type: 'dependencyOf',
        targetRef: `component:default/${n}`,
      })),
      ...(rel.providesApi ?? []).map(n => ({
        type: 'providesApi',
        targetRef: `api:default/${n}`,
      })),
    ],
  };
}

function api(name: string, owner: string, consumedBy: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    spec: { type: 'openapi', owner },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      ...consumedBy.map(n => ({
        type: 'apiConsumedBy',
        targetRef: `component:default/${n}`,
      })),
    ],
  };
}

const ref = (n: string) => `component:default/${n}`;

describe('blastRadius', () => {
  // ledger <- payments-api (dependsOn) <- checkout (consumes payments API) <- storefront
  // and a cycle: storefront -> ledger's dependent payments-api depends on storefront too.
  const graph = dependentsGraph([
    component('ledger', 'payments-team', { dependencyOf: ['payments-api'] }),
    component('payments-api', 'payments-team', {
      providesApi: ['payments'],
      dependencyOf: ['reporting'],
    }),
    api('payments', 'payments-team', ['checkout', 'reporting']),
    component('checkout', 'checkout-team', { dependencyOf: ['storefront'] }),
    component('reporting', 'data-team'),
    component('storefront', 'storefront-team', {
      dependencyOf: ['payments-api', 'ledger'],
    }),
  ]);

  it('walks dependsOn and consumed APIs transitively, each dependent once at its shortest depth', () => {
    const radius = blastRadius(graph, ref('ledger'));
    expect(
      radius.dependents.map(d => [d.ref, d.depth, d.through, d.via.kind]),
    ).toEqual([
      [ref('payments-api'), 1, ref('ledger'), 'dependsOn'],
      [ref('reporting'), 2, ref('payments-api'), 'dependsOn'],
      [ref('checkout'), 2, ref('payments-api'), 'consumesApi'],
      [ref('storefront'), 3, ref('checkout'), 'dependsOn'],
    ]);
    expect(radius.dependents[2].via).toEqual({
      kind: 'consumesApi',
      api: 'api:default/payments',
    });
    expect(radius.owners).toEqual([
      { owner: 'group:default/checkout-team', count: 1 },
      { owner: 'group:default/data-team', count: 1 },
      { owner: 'group:default/payments-team', count: 1 },
      { owner: 'group:default/storefront-team', count: 1 },
    ]);
    expect(radius.truncated).toBe(false);
  });

  it('ends on cycles: the root never counts as its own dependent', () => {
    // storefront -> payments-api -> checkout -> storefront is a cycle.
    const radius = blastRadius(graph, ref('storefront'));
    const refs = radius.dependents.map(d => d.ref);
    expect(refs).not.toContain(ref('storefront'));
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.sort()).toEqual(
      [
        ref('checkout'),
        ref('ledger'),
        ref('payments-api'),
        ref('reporting'),
      ].sort(),
    );
  });

  it('stops at the limit and says so; a leaf has no dependents', () => {
    const radius = blastRadius(graph, ref('ledger'), 2);
    expect(radius.dependents).toHaveLength(2);
    expect(radius.truncated).toBe(true);
    expect(blastRadius(graph, ref('reporting')).dependents).toEqual([]);
  });

  it('handles a long chain and a large fan-in without recursion', () => {
    const chain = Array.from({ length: 5000 }, (_, i) =>
      component(`s${i}`, 'team-a', { dependencyOf: [`s${i + 1}`] }),
    );
    const radius = blastRadius(dependentsGraph(chain), ref('s0'), 10_000);
    expect(radius.dependents).toHaveLength(5000);
    expect(radius.dependents.at(-1)).toMatchObject({
      ref: ref('s5000'),
      depth: 5000,
    });
  });
});
