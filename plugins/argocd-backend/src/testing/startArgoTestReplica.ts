import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import request from 'supertest';
import { argocdPlugin } from '../plugin';
import type { FakeArgoCd } from './FakeArgoCd';

type Knex = Parameters<typeof mockServices.database.factory>[0] extends
  | { knex: infer K }
  | undefined
  ? K
  : never;

/**
 * One replica of the plugin (its own backend, the real scheduler) on a shared database, watching
 * one fake instance `prod`: start two on one knex to have two replicas.
 */
export async function startArgoReplica(options: {
  knex: Knex;
  fake: FakeArgoCd;
  argocd?: Record<string, unknown>;
}) {
  const signals: SignalPayload[] = [];
  const backend = await startTestBackend({
    features: [
      argocdPlugin,
      schedulerServiceFactory,
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities: [] }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          publish: async (signal: SignalPayload<any>) => {
            signals.push(signal);
          },
        }),
      }),
      mockServices.rootConfig.factory({
        data: {
          argocd: {
            instances: [{ name: 'prod', url: options.fake.url, token: 't' }],
            ...options.argocd,
          },
        },
      }),
    ],
  });
  return {
    backend,
    signals,
    /** The application as this replica's Roadie route answers it (undefined: 404). */
    async app(name: string): Promise<any | undefined> {
      const res = await request(backend.server)
        .get(`/api/argocd/argoInstance/prod/applications/name/${name}`)
        .set('authorization', mockCredentials.user.header());
      return res.status === 200 ? res.body : undefined;
    },
    stop: () => backend.stop(),
  };
}
