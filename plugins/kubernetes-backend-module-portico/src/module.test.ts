import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { kubernetesModulePortico } from './module';

jest.setTimeout(60_000);

describe('kubernetesModulePortico', () => {
  // The permission framework allows every service principal without asking the policy; here it
  // allows everyone, so only the module stands between a service and the clusters.
  const start = (serviceSubjects?: string[]) =>
    startTestBackend({
      features: [
        kubernetesPlugin,
        kubernetesModulePortico,
        catalogServiceMock.factory(),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'local',
                      url: 'http://127.0.0.1:9',
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'cluster-token',
                    },
                  ],
                },
              ],
            },
            ...(serviceSubjects
              ? { portico: { access: { serviceSubjects } } }
              : {}),
          },
        }),
      ],
    });
  const service = (subject: string) =>
    mockCredentials.service.header({
      onBehalfOf: mockCredentials.service(subject),
      targetPluginId: 'kubernetes',
    });

  it('refuses service principals on the proxy, naming the route and the principal', async () => {
    const { server } = await start();
    for (const subject of [
      'plugin:scaffolder',
      'plugin:kubernetes',
      'external:ci',
    ]) {
      const res = await request(server)
        .get('/api/kubernetes/proxy/api/v1/namespaces')
        .set('authorization', service(subject))
        .set('backstage-kubernetes-cluster', 'local');
      expect([subject, res.status]).toEqual([subject, 403]);
      expect(res.body.error.message).toBe(
        `ANY /proxy/* (kubernetes) accepts only signed-in users (or a service subject portico.access.serviceSubjects lists); the caller is a service principal (${subject})`,
      );
    }
  });

  it('lets users through to the proxy (whose permission check then applies), and listed subjects', async () => {
    const { server } = await start(['ops-bot']);
    for (const authorization of [
      mockCredentials.user.header(),
      service('ops-bot'),
    ]) {
      const res = await request(server)
        .get('/api/kubernetes/proxy/api/v1/namespaces')
        .set('authorization', authorization)
        .set('backstage-kubernetes-cluster', 'local');
      // Past the gate: the proxy tries the (unreachable) cluster.
      expect(res.status).not.toBe(403);
      expect(res.status).not.toBe(401);
    }
  });

  it('leaves the Kubernetes backend’s other routes alone', async () => {
    const { server } = await start();
    const res = await request(server)
      .get('/api/kubernetes/clusters')
      .set('authorization', service('plugin:catalog'));
    expect(res.status).toBe(200);
  });
});
