import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import type { IndexedApp } from '../lookup/AppIndex';
import type { ApplicationQuery, ArgoService } from './ArgoService';
import { PreparedJsonCache } from './PreparedJson';
import {
  parseName,
  parseOptionalNamespace,
  parseRevision,
  parseSelector,
} from './requestParams';
import {
  roadieApplication,
  roadieApplicationList,
  roadieLocation,
} from './roadieShapes';

export interface RoadieRoutesOptions {
  service: ArgoService;
  httpAuth: HttpAuthService;
}

/**
 * The routes @roadiehq/backstage-plugin-argo-cd calls in backend mode, answered from the cached
 * views in Roadie's shapes (see roadieShapes); none of them reaches Argo CD but the metadata of a
 * revision the snapshot knows, fetched once.
 */
export function createRoadieRoutes(
  options: RoadieRoutesOptions,
): express.Router {
  const { service, httpAuth } = options;
  const router = Router();

  /** Each application's body serialized and gzipped once, while it stays unchanged. */
  const applicationBodies = new PreparedJsonCache<IndexedApp>();

  /** Roadie's `find/*` answer: every instance holding a matching application, with the names. */
  const locations = (query: ApplicationQuery) =>
    service.findApplications(query).map(({ instance, apps }) =>
      roadieLocation(
        instance,
        apps.map(a => a.name),
      ),
    );

  router.get('/find/name/:app', async (req, res) => {
    await httpAuth.credentials(req);
    const name = parseName('app', req.params.app);
    const appNamespace = parseOptionalNamespace(req.query.appNamespace);
    res.json(locations({ name, appNamespace }));
  });

  router.get('/find/selector/:selector', async (req, res) => {
    await httpAuth.credentials(req);
    const selector = parseSelector(req.params.selector);
    const appNamespace = parseOptionalNamespace(req.query.appNamespace);
    res.json(locations({ selector, appNamespace }));
  });

  /**
   * A GET route under `/argoInstance/:instance/applications`: signed in, and the instance
   * configured (404 before any other parameter is looked at).
   */
  function instanceRoute(
    path: string,
    handle: (
      instance: string,
      req: express.Request,
      res: express.Response,
    ) => Promise<void> | void,
  ) {
    router.get(
      `/argoInstance/:instance/applications${path}`,
      async (req, res) => {
        await httpAuth.credentials(req);
        const instance = service.instance(
          parseName('instance', req.params.instance),
        ).name;
        await handle(instance, req, res);
      },
    );
  }

  instanceRoute('/name/:app', (instanceName, req, res) => {
    const name = parseName('app', req.params.app);
    const appNamespace = parseOptionalNamespace(req.query.appNamespace);
    const { instance, item } = service.application(
      instanceName,
      name,
      appNamespace,
    );
    applicationBodies
      .get(item, () => roadieApplication(instance, item.app))
      .send(req, res);
  });

  instanceRoute('/selector/:selector', (instanceName, req, res) => {
    const selector = parseSelector(req.params.selector);
    const appNamespace = parseOptionalNamespace(req.query.appNamespace);
    const { instance, apps } = service.applicationsOn(instanceName, {
      selector,
      appNamespace,
    });
    res.json(
      roadieApplicationList(
        instance,
        apps.map(a => a.app),
      ),
    );
  });

  instanceRoute(
    '/name/:app/revisions/:rev/metadata',
    async (instanceName, req, res) => {
      const name = parseName('app', req.params.app);
      const revision = parseRevision(req.params.rev);
      const appNamespace = parseOptionalNamespace(req.query.appNamespace);
      res.json(
        await service.revisionMetadata(
          instanceName,
          name,
          revision,
          appNamespace,
        ),
      );
    },
  );

  return router;
}
