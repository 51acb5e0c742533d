import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModulePlatform } from './module';

describe('scaffolderModulePlatform', () => {
  it('registers every Portico action with the dev configuration shape', async () => {
    const ids: string[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: any[]) =>
              ids.push(...actions.map(a => a.id)),
          },
        ],
      ],
      features: [
        scaffolderModulePlatform,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            portico: {
              scaffolder: {
                gitops: {
                  repoUrl: '127.0.0.1:7008?owner=platform&repo=gitops',
                },
                git: {
                  provider: 'loopback',
                  baseUrl: 'http://127.0.0.1:7008',
                  loopback: { adminToken: 'x' },
                },
                kubernetes: {
                  url: 'https://kubernetes.default.svc',
                  token: 't',
                },
              },
            },
          },
        }),
      ],
    });
    expect(ids.sort()).toEqual([
      'portico:argocd:application',
      'portico:external-secret:create',
      'portico:git:token',
      'portico:git:token:revoke',
      'portico:gitops:commit',
      'portico:namespace:create',
      'portico:owner:verify',
      'portico:publish:git',
      'portico:service:manifests',
      'portico:service:validate',
    ]);
  });
});
