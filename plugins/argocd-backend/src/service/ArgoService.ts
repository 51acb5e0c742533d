import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type {
  ApplicationActionResult,
  ArgoConfigResponse,
  ArgoInstanceState,
  EntityArgoDetail,
  EntityArgoStatus,
} from '@internal/plugin-argocd-common';
import { UpstreamError } from '@internal/plugin-portico-node';
import type {
  ArgoBackendConfig,
  ArgoInstanceConfig,
} from '../config/readArgoConfig';
import type { IndexedApp } from '../lookup/AppIndex';
import type { LabelRequirement } from '../lookup/labelSelector';
import { tieToOwner } from '../lookup/ownership';
import type { InstanceViews } from '../snapshot/InstanceViews';
import type { RevisionMetadataCache } from '../snapshot/RevisionMetadataCache';
import type {
  ArgoApplication,
  ArgoCdClient,
  RevisionMetadata,
} from '../upstream/ArgoCdClient';
import { ApplicationAction, runApplicationAction } from './applicationActions';
import {
  HistoryMetadata,
  healthStatusOf,
  syncStatusOf,
  toDetail,
  toSummary,
  worstHealth,
  worstSync,
} from './applicationViews';
import {
  ActionTarget,
  EntityApplications,
  notOnInstance,
} from './EntityApplications';
import { historyMetadata, knownRevisions } from './revisionHistory';

/** Which applications a Roadie `find` or `applications/selector` route asks for. */
export type ApplicationQuery =
  | { name: string; appNamespace?: string }
  | { selector: LabelRequirement[]; appNamespace?: string };

/** The applications of one instance that match a query. */
export interface InstanceApplications {
  instance: ArgoInstanceConfig;
  apps: IndexedApp[];
}

/**
 * Answers every read from this replica's in-memory views (never from Argo CD per viewer), and
 * runs the two actions (sync, hard refresh) against Argo CD. The routes ask it; they never see
 * the views or the clients.
 */
export class ArgoService {
  private readonly entities: EntityApplications;

  constructor(
    private readonly config: ArgoBackendConfig,
    views: InstanceViews,
    private readonly clients: Map<string, ArgoCdClient>,
    private readonly revisions: RevisionMetadataCache,
    private readonly afterAction: (instance: string) => Promise<void>,
  ) {
    this.entities = new EntityApplications(config, views);
  }

  // ----- Portico's API -----

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
    return this.entities.states(this.config.instances);
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
    const lookup = this.entities.lookup(entity);
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

  async detail(
    entity: Entity,
    actions: EntityArgoDetail['actions'],
  ): Promise<EntityArgoDetail> {
    const lookup = this.entities.lookup(entity);
    const metadata = await historyMetadata(this.revisions, lookup.found);
    return {
      entityRef: stringifyEntityRef(entity),
      state: lookup.state,
      annotations: lookup.annotations,
      applications: lookup.found.map(({ instance, app }) => {
        const prefix = `${instance.name}/${app.metadata.namespace}/${app.metadata.name}/`;
        const perApp = new Map<string, HistoryMetadata | undefined>();
        for (const [k, v] of metadata)
          if (k.startsWith(prefix)) perApp.set(k.slice(prefix.length), v);
        const tie = tieToOwner(entity, app);
        return {
          ...toDetail(instance, app, perApp),
          actionable: tie.tied
            ? { allowed: true }
            : { allowed: false, reason: tie.reason },
        };
      }),
      instances: lookup.instanceStates,
      actions,
    };
  }

  /** See {@link EntityApplications.actionTarget}. */
  actionTarget(
    entity: Entity,
    wanted: { instance: string; name: string; appNamespace?: string },
  ): ActionTarget {
    return this.entities.actionTarget(entity, wanted);
  }

  /** Runs the action, then has the instance refreshed (whatever the outcome). */
  async act(
    kind: ApplicationAction,
    target: ActionTarget,
  ): Promise<ApplicationActionResult> {
    const instance = target.instance.name;
    try {
      return await runApplicationAction(
        this.clients.get(instance)!,
        kind,
        target,
      );
    } finally {
      await this.afterAction(instance).catch(() => undefined);
    }
  }

  // ----- The queries of Roadie's routes -----

  /** A configured instance, or a 404 naming it. */
  instance(name: string): ArgoInstanceConfig {
    return this.entities.instance(name);
  }

  /** Every instance holding an application that matches, with those applications. */
  findApplications(query: ApplicationQuery): InstanceApplications[] {
    return this.config.instances
      .map(instance => ({ instance, apps: this.matching(instance, query) }))
      .filter(found => found.apps.length > 0);
  }

  /** The applications on one configured instance (404 for another) that match. */
  applicationsOn(
    instanceName: string,
    query: ApplicationQuery,
  ): InstanceApplications {
    const instance = this.entities.instance(instanceName);
    return { instance, apps: this.matching(instance, query) };
  }

  /** The first application of that name on the instance, or a 404 naming it. */
  application(
    instanceName: string,
    name: string,
    appNamespace?: string,
  ): { instance: ArgoInstanceConfig; item: IndexedApp } {
    const { instance, apps } = this.applicationsOn(instanceName, {
      name,
      appNamespace,
    });
    if (!apps.length) throw notOnInstance(name, instance.name, appNamespace);
    return { instance, item: apps[0] };
  }

  /**
   * Commit metadata of a revision the application's snapshot knows (no upstream call, and no
   * cache entry, per invented revision, and no branch name whose commit would be cached as if it
   * never moved): 404 for another revision, 503 when Argo CD cannot give it.
   */
  async revisionMetadata(
    instanceName: string,
    name: string,
    revision: string,
    appNamespace?: string,
  ): Promise<RevisionMetadata> {
    const instance = this.entities.instance(instanceName);
    const [item] = this.entities.named(instance.name, name, appNamespace);
    if (!item) throw notOnInstance(name, instance.name);
    const app: ArgoApplication = item.app;
    if (!knownRevisions(app).has(revision)) {
      throw new NotFoundError(
        `Revision ${revision} is not in the history of application '${name}' on Argo CD instance '${instance.name}'`,
      );
    }
    const meta = await this.revisions.get({
      instance: instance.name,
      appNamespace: app.metadata.namespace,
      appName: app.metadata.name,
      revision,
    });
    if (!meta) {
      throw new UpstreamError(
        `Argo CD instance '${instance.name}' could not give metadata of revision ${revision}`,
        503,
      );
    }
    return meta;
  }

  private matching(
    instance: ArgoInstanceConfig,
    query: ApplicationQuery,
  ): IndexedApp[] {
    return 'name' in query
      ? this.entities.named(instance.name, query.name, query.appNamespace)
      : this.entities.selected(
          instance.name,
          query.selector,
          query.appNamespace,
        );
  }
}
