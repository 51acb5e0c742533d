/*
 * One Portico backend process's worth, in this process: the feature list of
 * packages/backend/src/features.ts on a given configuration, with the harness's two additions
 * (backendServices.ts). startPortico.ts starts one per replica.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { AuthService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { strictRootConfigServiceFactory } from '@internal/config-validation-node';
import type { LoopbackGitServer } from '@internal/plugin-scaffolder-backend-module-platform/testUtils';
import { features } from '../../features';
import { pluginAuthProbe, recordingHttpRouter } from './backendServices';
import { discoverRoutes } from './routes';

/** The whole backend on `config`, with the harness's recording router and scaffolder token probe. */
export async function startBackend(config: Record<string, any>) {
  let routesHandler: unknown;
  const registered: Array<{ pluginId: string; handler: unknown }> = [];
  let scaffolderAuth: AuthService | undefined;
  const backend = createBackend();
  backend.add(mockServices.rootConfig.factory({ data: config }));
  backend.add(
    rootHttpRouterServiceFactory({
      configure(context) {
        routesHandler = context.routes;
        context.applyDefaults();
      },
    }),
  );
  backend.add(recordingHttpRouter(registered));
  for (const feature of features) {
    if (feature !== strictRootConfigServiceFactory) backend.add(feature);
  }
  backend.add(pluginAuthProbe('scaffolder', auth => (scaffolderAuth = auth)));
  await backend.start();
  return {
    stop: () => backend.stop(),
    routes: () => discoverRoutes(routesHandler, registered),
    scaffolderAuth: () => scaffolderAuth,
  };
}

/** Every ref of every repository on the Git server, one block per repository. */
export async function gitState(git: LoopbackGitServer): Promise<string> {
  const lines: string[] = [];
  for (const owner of fs.readdirSync(git.root).sort()) {
    const ownerDir = path.join(git.root, owner);
    if (!fs.statSync(ownerDir).isDirectory()) continue;
    for (const repo of fs.readdirSync(ownerDir).sort()) {
      if (!repo.endsWith('.git')) continue;
      const refs = await git.git(owner, repo.replace(/\.git$/, ''), [
        'for-each-ref',
        '--format=%(refname) %(objectname)',
      ]);
      lines.push(`${owner}/${repo}\n${refs.trim()}`);
    }
  }
  return lines.join('\n');
}
