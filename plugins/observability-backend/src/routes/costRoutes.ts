import { json } from './auditedRoute';
import { ENTITY_PATH, entityRef, type RouteContext } from './requestParts';

/** One entity's monthly cost, and the roll-up per owning team. */
export function registerCostRoutes(context: RouteContext): void {
  const { router, audited, services } = context;
  const { scopes, cost } = services;

  router.get(
    `${ENTITY_PATH}/cost`,
    audited({
      eventId: 'observability-cost-read',
      audit: 'refusals',
      parse: req => entityRef(req.params),
      read: async (ref, credentials) =>
        json(await cost.cost(await scopes.resolveEntity(ref, credentials))),
    }),
  );

  router.get(
    '/cost/teams',
    audited({
      eventId: 'observability-team-cost-read',
      audit: 'refusals',
      parse: () => undefined,
      read: async (_none, credentials) =>
        json(await cost.teamCosts(credentials)),
    }),
  );
}
