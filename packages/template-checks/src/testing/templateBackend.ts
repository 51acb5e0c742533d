/*
 * The test backend templates run in: the scaffolder, the catalog (reading catalog/all.yaml and
 * templates/all.yaml like app-config.yaml does), the upstream GitHub module and Portico's
 * platform module, configured to publish to a loopback Git server that also holds the GitOps
 * repository; users get their groups from catalog/org.yaml.
 */
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import { scaffolderModulePlatform } from '@internal/plugin-scaffolder-backend-module-platform';
import { LoopbackGitServer } from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
import { orgOwnershipRefs } from '../orgOwnership';
import { repoRoot } from '../paths';

/** The GitOps repository on the loopback Git server. */
export const GITOPS = { owner: 'platform', repo: 'gitops' };

/** What the catalog sign-in resolver would give these users: their groups from catalog/org.yaml. */
const orgUserInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const principal = credentials.principal as { userEntityRef?: string };
      if (!principal.userEntityRef) throw new Error('not a user principal');
      return {
        userEntityRef: principal.userEntityRef,
        ownershipEntityRefs: orgOwnershipRefs(principal.userEntityRef),
      };
    },
  }),
});

/** Starts the backend against `git`; resolves with it and its base URL. */
export async function startTemplateBackend(
  git: Pick<LoopbackGitServer, 'url' | 'adminToken'>,
): Promise<{ backend: TestBackend; baseUrl: string }> {
  const gitHost = new URL(git.url).host;
  const config = {
    backend: {
      baseUrl: 'http://localhost:7007',
      // The catalog reads catalog-info.yaml of pushed repositories from the Git server.
      reading: { allow: [{ host: gitHost }] },
    },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Domain',
            'User',
            'Group',
            'Template',
          ],
        },
      ],
      locations: [
        { type: 'file', target: join(repoRoot, 'catalog', 'all.yaml') },
        { type: 'file', target: join(repoRoot, 'templates', 'all.yaml') },
      ],
    },
    portico: {
      // Beside the built-in list (kube-*, default, the platform's own): the templates' forms do
      // not know these, the validate steps refuse them.
      reservedNamespaces: ['sandbox-*'],
      access: {
        adminGroups: ['group:default/portico-admins'],
        auditorGroups: ['group:default/auditors'],
      },
      scaffolder: {
        git: {
          provider: 'loopback',
          baseUrl: git.url,
          loopback: { adminToken: git.adminToken },
        },
        gitops: {
          repoUrl: `${gitHost}?owner=${GITOPS.owner}&repo=${GITOPS.repo}`,
        },
      },
    },
  };

  const backend: TestBackend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: config }),
      orgUserInfoFactory,
      catalogPlugin,
      catalogModuleTemplateKind,
      scaffolderPlugin,
      scaffolderModuleGithub,
      scaffolderModulePlatform,
    ],
  });
  const baseUrl = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }`;
  return { backend, baseUrl };
}
