import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  inputErrorFromZod,
  PlatformRolesService,
} from '@internal/plugin-portico-node';
import {
  BatchResponse,
  batchRequestSchema,
} from '@internal/plugin-service-health-common';
import express from 'express';
import Router from 'express-promise-router';
import type { GithubSourceConfig } from '../config/readGithubConfig';
import type { GithubRepoStore } from '../store/GithubRepoStore';
import type { VulnerabilityStore } from '../store/VulnerabilityStore';
import { canSeeDetails } from './canSeeDetails';
import { entityRefOfRequest } from './entityParams';
import { clusterBatchItem } from './vulnerabilityViews';
import { batchItem, codeResponse, repositoryOf } from './views';

export interface RouterOptions {
  config: GithubSourceConfig | undefined;
  store: GithubRepoStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  roles: PlatformRolesService;
  /** The cluster source's store, for the batch's Vulnerabilities and Score columns. */
  cluster?: { configured: boolean; store: VulnerabilityStore };
}

/** The catalog fields the answers need. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
];

/**
 * The service-health API: an entity's code overview, and a catalog page's CI and alert counts in
 * one request. Entities are read with the caller's credentials, so nobody learns anything of an
 * entity the catalog does not show them; see ./views for what is readable by whom.
 */
export function createRouter(options: RouterOptions): express.Router {
  const { config, store, catalog, httpAuth, roles, cluster } = options;
  const router = Router();
  router.use(express.json({ limit: '512kb' }));

  router.get('/entities/:kind/:namespace/:name/code', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const ref = entityRefOfRequest(req);
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    const where = repositoryOf(entity, config);
    const stored = 'key' in where ? await store.get(where.key) : undefined;
    const canSee = stored?.data
      ? await canSeeDetails(roles, entity, credentials)
      : false;
    res.json(codeResponse(entity, config, stored, canSee));
  });

  router.post('/batch', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const parsed = batchRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      throw inputErrorFromZod(parsed.error, {
        prefix: 'Invalid request',
        root: 'body',
      });
    const refs = parsed.data.entityRefs.map(raw => {
      try {
        return stringifyEntityRef(parseEntityRef(raw));
      } catch {
        throw new InputError(
          `Invalid request: body.entityRefs: '${raw.slice(
            0,
            100,
          )}' is not an entity ref`,
        );
      }
    });
    const unique = [...new Set(refs)];
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: FIELDS },
      { credentials },
    );
    const byRef = new Map(unique.map((r, i) => [r, items[i] ?? undefined]));
    const keys: string[] = [];
    for (const e of byRef.values()) {
      const where = e ? repositoryOf(e, config) : undefined;
      if (where && 'key' in where) keys.push(where.key);
    }
    const stored = await store.getMany(keys);
    const body: BatchResponse = { items: {} };
    parsed.data.entityRefs.forEach((raw, i) => {
      body.items[raw] = batchItem(byRef.get(refs[i]), config, stored);
    });
    if (cluster) {
      const rows = cluster.configured
        ? await cluster.store.getMany(unique)
        : new Map();
      body.cluster = {};
      parsed.data.entityRefs.forEach((raw, i) => {
        body.cluster![raw] = clusterBatchItem(
          !!byRef.get(refs[i]),
          cluster.configured,
          rows.get(refs[i].toLocaleLowerCase('en-US')),
        );
      });
    }
    res.json(body);
  });

  return router;
}
