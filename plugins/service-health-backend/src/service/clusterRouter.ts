import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PlatformRolesService } from '@internal/plugin-portico-node';
import express from 'express';
import Router from 'express-promise-router';
import type {
  StoredVulnerabilities,
  VulnerabilityStore,
} from '../store/VulnerabilityStore';
import { canSeeDetails } from './canSeeDetails';
import { entityRefOfRequest } from './entityParams';
import {
  complianceResponse,
  vulnerabilitiesResponse,
} from './vulnerabilityViews';

/**
 * `GET /entities/:kind/:namespace/:name/vulnerabilities` and `.../compliance`, served from the
 * stored reads (a request never reaches the cluster).
 */
export function createClusterRouter(options: {
  configured: boolean;
  store: VulnerabilityStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  roles: PlatformRolesService;
}): express.Router {
  const { store, catalog, httpAuth, roles, configured } = options;
  const router = Router();
  /** An entity's stored read, answered by `respond` (details for owners, admins and auditors). */
  const entityRoute = (
    what: 'vulnerabilities' | 'compliance',
    hasDetails: (stored: StoredVulnerabilities) => boolean,
    respond: typeof vulnerabilitiesResponse | typeof complianceResponse,
  ) =>
    router.get(`/entities/:kind/:namespace/:name/${what}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const ref = entityRefOfRequest(req);
      const entity = await catalog.getEntityByRef(ref, { credentials });
      if (!entity) throw new NotFoundError(`No entity ${ref}`);
      const stored = configured ? await store.get(ref) : undefined;
      const details =
        !!stored &&
        hasDetails(stored) &&
        (await canSeeDetails(roles, entity, credentials, { auditors: true }));
      res.json(respond(ref, configured, stored, details));
    });
  entityRoute(
    'vulnerabilities',
    s => s.state === 'ok',
    vulnerabilitiesResponse,
  );
  entityRoute('compliance', s => !!s.compliance, complianceResponse);
  return router;
}
