import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  ArgoConfigResponse,
  ArgoInstanceState,
  EntityArgoDetail,
  EntityArgoStatus,
} from '@internal/plugin-argocd-common';
import type {
  ArgoBackendConfig,
  ArgoInstanceConfig,
} from '../config/readArgoConfig';
import {
  EntityArgoAnnotations,
  readEntityAnnotations,
} from '../lookup/entityAnnotations';
import { parseLabelSelector } from '../lookup/labelSelector';
import type { InstanceViews } from '../snapshot/InstanceViews';
import type { RevisionMetadataCache } from '../snapshot/RevisionMetadataCache';
import type { ArgoApplication, ArgoCdClient } from '../upstream/ArgoCdClient';
import {
  HistoryMetadata,
  healthStatusOf,
  syncStatusOf,
  toDetail,
  toSummary,
  worstHealth,
  worstSync,
} from './applicationViews';

export interface FoundApplication {
  instance: ArgoInstanceConfig;
  app: ArgoApplication;
}

export interface EntityLookup {
  annotations: EntityArgoAnnotations;
  state: EntityArgoStatus['state'];
  found: FoundApplication[];
  /** Instances consulted (configured ones), plus a not-configured one named by the entity. */
  instanceStates: ArgoInstanceState[];
}

/**
 * Answers every read from this replica's in-memory views (never from Argo CD per viewer), and
 * runs the two actions (sync, hard refresh) against Argo CD.
 */
export class ArgoService {
  private readonly byName: Map<string, ArgoInstanceConfig>;

  constructor(
    readonly config: ArgoBackendConfig,
    readonly views: InstanceViews,
    readonly clients: Map<string, ArgoCdClient>,
    private readonly revisions: RevisionMetadataCache,
    private readonly afterAction: (instance: string) => Promise<void>,
  ) {
    this.byName = new Map(config.instances.map(i => [i.name, i]));
  }

  instance(name: string): ArgoInstanceConfig | undefined {
    return this.byName.get(name);
  }

  configResponse(): ArgoConfigResponse {
    return {
      configured: this.config.instances.length > 0,
      instances: this.config.instances.map(i => ({
        name: i.name,
        uiUrl: i.uiUrl,
      })),
    };
  }

  instanceStates(): ArgoInstanceState[] {
    const now = Date.now();
    return this.config.instances.map(i => this.views.state(i.name, now));
  }

  lookup(entity: Entity): EntityLookup {
    const annotations = readEntityAnnotations(entity);
    if (!annotations.appName && !annotations.appSelector) {
      return {
        annotations,
        state: 'no-annotation',
        found: [],
        instanceStates: [],
      };
    }
    const now = Date.now();
    let instances = this.config.instances;
    if (annotations.instanceName) {
      const one = this.byName.get(annotations.instanceName);
      if (!one) {
        return {
          annotations,
          state: 'not-found',
          found: [],
          instanceStates: [
            { name: annotations.instanceName, status: 'not-configured' },
          ],
        };
      }
      instances = [one];
    }
    let requirements: ReturnType<typeof parseLabelSelector> | undefined;
    if (!annotations.appName && annotations.appSelector) {
      try {
        requirements = parseLabelSelector(annotations.appSelector);
      } catch {
        return {
          annotations,
          state: 'not-found',
          found: [],
          instanceStates: instances.map(i => this.views.state(i.name, now)),
        };
      }
    }
    const found: FoundApplication[] = [];
    for (const instance of instances) {
      const { index } = this.views.get(instance.name);
      const apps = annotations.appName
        ? index.byAppName(annotations.appName, annotations.appNamespace)
        : index.bySelector(requirements!, annotations.appNamespace);
      for (const app of apps) found.push({ instance, app });
    }
    return {
      annotations,
      state: found.length ? 'ok' : 'not-found',
      found,
      instanceStates: instances.map(i => this.views.state(i.name, now)),
    };
  }

  status(entityRef: string, entity: Entity | undefined): EntityArgoStatus {
    if (!entity) {
      return {
        entityRef,
        state: 'entity-not-found',
        applications: [],
        degradedInstances: [],
      };
    }
    const lookup = this.lookup(entity);
    const apps = lookup.found.map(f => f.app);
    const sync = worstSync(apps.map(syncStatusOf));
    const health = worstHealth(apps.map(healthStatusOf));
    return {
      entityRef,
      state: lookup.state,
      ...(sync ? { syncStatus: sync } : {}),
      ...(health ? { healthStatus: health } : {}),
      applications: lookup.found.map(f => toSummary(f.instance, f.app)),
      degradedInstances: lookup.instanceStates
        .filter(s => s.status !== 'ok')
        .map(s => s.name),
    };
  }

  /** Commit metadata of every history revision of these applications (cached, see RevisionMetadataCache). */
  async historyMetadata(
    found: FoundApplication[],
  ): Promise<Map<string, HistoryMetadata | undefined>> {
    const out = new Map<string, HistoryMetadata | undefined>();
    const seen = new Set<string>();
    const jobs: Promise<void>[] = [];
    for (const { instance, app } of found) {
      if (app.spec?.source?.chart) continue;
      for (const h of app.status?.history ?? []) {
        const revision = h.revision ?? h.revisions?.[0];
        const key = `${instance.name}/${app.metadata.namespace}/${app.metadata.name}/${revision}`;
        if (!revision || seen.has(key)) continue;
        seen.add(key);
        jobs.push(
          this.revisions
            .get({
              instance: instance.name,
              appNamespace: app.metadata.namespace,
              appName: app.metadata.name,
              revision,
            })
            .then(meta => {
              out.set(key, meta);
            }),
        );
      }
    }
    await Promise.all(jobs);
    return out;
  }

  async detail(
    entity: Entity,
    actions: EntityArgoDetail['actions'],
  ): Promise<EntityArgoDetail> {
    const lookup = this.lookup(entity);
    const metadata = await this.historyMetadata(lookup.found);
    return {
      entityRef: stringifyEntityRef(entity),
      state: lookup.state,
      annotations: lookup.annotations,
      applications: lookup.found.map(({ instance, app }) => {
        const prefix = `${instance.name}/${app.metadata.namespace}/${app.metadata.name}/`;
        const perApp = new Map<string, HistoryMetadata | undefined>();
        for (const [k, v] of metadata)
          if (k.startsWith(prefix)) perApp.set(k.slice(prefix.length), v);
        return toDetail(instance, app, perApp);
      }),
      instances: lookup.instanceStates,
      actions,
    };
  }

  revisionMetadata(instance: string, app: ArgoApplication, revision: string) {
    return this.revisions.get({
      instance,
      appNamespace: app.metadata.namespace,
      appName: app.metadata.name,
      revision,
    });
  }

  /** Runs sync or hard refresh on each application; one failure does not stop the others. */
  async act(kind: 'sync' | 'refresh', targets: FoundApplication[]) {
    const results = await Promise.all(
      targets.map(async ({ instance, app }) => {
        const client = this.clients.get(instance.name)!;
        try {
          const updated =
            kind === 'sync'
              ? await client.sync(app.metadata.name, app.metadata.namespace)
              : await client.getApplication(
                  app.metadata.name,
                  app.metadata.namespace,
                  'hard',
                );
          const detail =
            kind === 'sync'
              ? updated?.status?.operationState?.phase ?? 'Running'
              : updated?.status?.sync?.status;
          return {
            instance: instance.name,
            name: app.metadata.name,
            ok: true,
            ...(detail ? { detail } : {}),
          };
        } catch (e) {
          return {
            instance: instance.name,
            name: app.metadata.name,
            ok: false,
            error: (e as Error).message,
          };
        }
      }),
    );
    const touched = new Set(targets.map(t => t.instance.name));
    await Promise.all(
      [...touched].map(i => this.afterAction(i).catch(() => undefined)),
    );
    return results;
  }
}
