/*
 * The floor: what every route of this backend pays whatever it does. A tiny backend plugin
 * (`benchfloor`) registered by the bench's backend child beside the backend under test: POST
 * /api/benchfloor/status behind the same httpRouter (the framework's auth policy, compression)
 * and the same body parser as the Argo CD plugin's POST /api/argocd/status, checks the caller's
 * credentials with httpAuth as that route does, and answers a constant JSON body: a status
 * answer the parent captured once (setFloorBody over IPC), serialized once, so its size is that
 * of a real status lookup and nothing is computed per request.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';

let body: Buffer = Buffer.from('{}');

/** The constant answer (the JSON text of one status lookup). */
export function setFloorBody(json: string) {
  body = Buffer.from(json);
}

export const benchFloorPlugin = createBackendPlugin({
  pluginId: 'benchfloor',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = Router();
        router.use(express.json({ limit: '256kb' }));
        router.post('/status', async (req, res) => {
          await httpAuth.credentials(req);
          res.type('application/json').send(body);
        });
        httpRouter.use(router);
      },
    });
  },
});
