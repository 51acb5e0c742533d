import type {
  AuthService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { BlastRadiusResponse } from '@internal/plugin-service-health-common';
import express from 'express';
import Router from 'express-promise-router';
import { blastRadius, ownersOf } from '../blastRadius/blastRadius';
import { GraphCache } from '../blastRadius/GraphCache';
import { entityRefOfRequest } from './entityParams';

/**
 * `GET /entities/:kind/:namespace/:name/blast-radius`: who breaks when this entity breaks. The
 * graph is the catalog's relations (read once per 30 s for all viewers); the answer keeps only the
 * dependents the caller's catalog view shows, with their titles.
 */
export function createBlastRadiusRouter(options: {
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  graphTtlMs?: number;
}): express.Router {
  const { catalog, httpAuth } = options;
  const graphs = new GraphCache(catalog, options.auth, options.graphTtlMs);
  const router = Router();
  router.get(
    '/entities/:kind/:namespace/:name/blast-radius',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const ref = entityRefOfRequest(req);
      const entity = await catalog.getEntityByRef(ref, { credentials });
      if (!entity) throw new NotFoundError(`No entity ${ref}`);
      const radius = blastRadius(await graphs.get(), ref);
      const refs = radius.dependents.map(d => d.ref);
      const { items } = refs.length
        ? await catalog.getEntitiesByRefs(
            {
              entityRefs: refs,
              fields: ['kind', 'metadata.name', 'metadata.title'],
            },
            { credentials },
          )
        : { items: [] };
      const visible = radius.dependents.flatMap((d, i) => {
        const e = items[i];
        return e ? [{ ...d, title: e.metadata.title ?? e.metadata.name }] : [];
      });
      const body: BlastRadiusResponse = {
        entityRef: ref,
        count: visible.length,
        dependents: visible,
        owners: ownersOf(visible),
        truncated: radius.truncated,
      };
      res.json(body);
    },
  );
  return router;
}
