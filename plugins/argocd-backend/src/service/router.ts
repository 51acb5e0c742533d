import express from 'express';
import Router from 'express-promise-router';
import { PorticoRoutesOptions, createPorticoRoutes } from './porticoRoutes';
import { createRoadieRoutes } from './roadieRoutes';

export type RouterOptions = PorticoRoutesOptions;

/**
 * The plugin's router: Portico's Argo CD API and the routes @roadiehq/backstage-plugin-argo-cd
 * calls in backend mode. Every read comes from the cached views; only sync and refresh reach
 * Argo CD.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use(createPorticoRoutes(options));
  router.use(
    createRoadieRoutes({
      service: options.service,
      httpAuth: options.httpAuth,
    }),
  );
  return router;
}
