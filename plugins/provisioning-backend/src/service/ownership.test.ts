import type { Entity } from '@backstage/catalog-model';
import { StaticTeamNamespaces } from '@internal/plugin-portico-node';
import { authorizeNamespaces, ownerOf } from './ownership';

const component = (spec: object, extra: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default' },
  spec,
  ...extra,
});

describe('ownership', () => {
  it('reads the owner from the ownedBy relation first, else spec.owner in the entity namespace', () => {
    expect(
      ownerOf(
        component(
          { owner: 'ignored' },
          {
            relations: [
              { type: 'ownedBy', targetRef: 'group:default/Payments-Team' },
            ],
          },
        ),
      ),
    ).toBe('group:default/payments-team');
    expect(ownerOf(component({ owner: 'payments-team' }))).toBe(
      'group:default/payments-team',
    );
    expect(
      ownerOf({
        ...component({ owner: 'ops' }),
        metadata: { name: 'svc', namespace: 'infra' },
      }),
    ).toBe('group:infra/ops');
    expect(ownerOf(component({}))).toBeUndefined();
  });

  it('lets a team name new namespaces and its own, not another team’s', async () => {
    const teamNamespaces = new StaticTeamNamespaces({
      'payments-team': ['payments-staging'],
      'storefront-team': ['storefront-prod'],
    });
    const check = (owner: string | undefined, name: string) =>
      authorizeNamespaces({
        entityRef: 'component:default/svc',
        owner,
        namespaces: [{ field: 'environment', name }],
        teamNamespaces,
      });
    await expect(
      check('group:default/payments-team', 'payments-staging'),
    ).resolves.toBeUndefined();
    await expect(
      check('group:default/payments-team', 'payments-new'),
    ).resolves.toBeUndefined();
    await expect(
      check('group:default/payments-team', 'storefront-prod'),
    ).rejects.toThrow(
      'Namespace "storefront-prod" (parameters.environment) belongs to team storefront-team, not to payments-team',
    );
    await expect(check(undefined, 'payments-new')).rejects.toThrow(
      /is not owned by a team \(owner: none\)/,
    );
    await expect(
      authorizeNamespaces({
        entityRef: 'component:default/svc',
        owner: 'group:default/payments-team',
        namespaces: [{ field: 'environment', name: 'legacy' }],
        // A namespace that exists without the team label.
        teamNamespaces: {
          ownerOf: async () => ({ exists: true }),
          namespacesOf: async () => [],
        },
      }),
    ).rejects.toThrow(
      `Namespace "legacy" (parameters.environment) exists and is not a Portico team's namespace`,
    );
  });
});
