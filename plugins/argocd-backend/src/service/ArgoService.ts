import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { TEAM_LABEL, teamOfEntity } from '@internal/plugin-portico-node';
import type {
  ApplicationActionResult,
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
import { LabelRequirement, parseLabelSelector } from '../lookup/labelSelector';
import { tieToOwner } from '../lookup/ownership';
import type { InstanceViews } from '../snapshot/InstanceViews';
import type { RevisionMetadataCache } from '../snapshot/RevisionMetadataCache';
import type { ArgoApplication, ArgoCdClient } from '../upstream/ArgoCdClient';
import { ArgoCdError } from '../upstream/ArgoCdError';
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

/** An application sync or refresh may act on: tied to the entity's owning team. */
export interface ActionTarget extends FoundApplication {
  team: string;
  project: string;
}

/**
 * What a lookup covers. `read` (status, entity page): an `argocd/app-name` shows the application
 * it names, an `argocd/app-selector` only finds applications labelled with the owning team (a
 * selector such as `!nonexistent` cannot make an entity show every application as its own).
 * `annotated`: everything the annotations point at, to tell an action why it is refused.
 */
export type LookupScope = 'read' | 'annotated';

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

  lookup(entity: Entity, scope: LookupScope = 'read'): EntityLookup {
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
    const states = () => instances.map(i => this.views.state(i.name, now));
    let requirements: LabelRequirement[] | undefined;
    if (!annotations.appName && annotations.appSelector) {
      try {
        requirements = parseLabelSelector(annotations.appSelector);
      } catch {
        return {
          annotations,
          state: 'not-found',
          found: [],
          instanceStates: states(),
        };
      }
      if (scope === 'read') {
        const team = teamOfEntity(entity);
        if (!team) {
          return {
            annotations,
            state: 'not-found',
            found: [],
            instanceStates: states(),
          };
        }
        requirements = [
          ...requirements,
          { key: TEAM_LABEL, op: 'in', values: [team] },
        ];
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
      instanceStates: states(),
    };
  }

  /**
   * The one application an action names, if sync/refresh may act on it for this entity: it is on
   * the instance, the entity's annotations point at it, and the platform ties it to the entity's
   * owning team (label and project, see tieToOwner). Otherwise an error naming the application:
   * 404 when it does not exist, 400 when its name is ambiguous, 403 for anything else.
   */
  actionTarget(
    entity: Entity,
    wanted: { instance: string; name: string; appNamespace?: string },
  ): ActionTarget {
    const ref = stringifyEntityRef(entity);
    const instance = this.byName.get(wanted.instance);
    if (!instance) {
      throw new NotFoundError(
        `No Argo CD instance '${wanted.instance}' is configured`,
      );
    }
    const candidates = this.views
      .get(instance.name)
      .index.findByName(wanted.name, wanted.appNamespace);
    if (candidates.length === 0) {
      throw new NotFoundError(
        `Application '${wanted.name}'${
          wanted.appNamespace ? ` in namespace '${wanted.appNamespace}'` : ''
        } is not on Argo CD instance '${instance.name}'`,
      );
    }
    if (candidates.length > 1) {
      throw new InputError(
        `Invalid appNamespace: application '${wanted.name}' exists in several namespaces on instance '${instance.name}'; name one`,
      );
    }
    const namespace = candidates[0].entry.namespace;
    const hit = this.lookup(entity, 'annotated').found.find(
      f =>
        f.instance.name === instance.name &&
        f.app.metadata.name === wanted.name &&
        f.app.metadata.namespace === namespace,
    );
    if (!hit) {
      throw new NotAllowedError(
        `application "${wanted.name}" on instance ${instance.name} is not one of ${ref}'s Argo CD applications (its argocd/app-name or argocd/app-selector does not point at it)`,
      );
    }
    const tie = tieToOwner(entity, hit.app);
    if (!tie.tied) throw new NotAllowedError(tie.reason);
    return { ...hit, team: tie.team, project: tie.project };
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

  revisionMetadata(instance: string, app: ArgoApplication, revision: string) {
    return this.revisions.get({
      instance,
      appNamespace: app.metadata.namespace,
      appName: app.metadata.name,
      revision,
    });
  }

  /**
   * Runs sync or hard refresh on one application. The team's project goes with the call, so Argo
   * CD itself refuses when the application moved to another project since the snapshot.
   */
  async act(
    kind: 'sync' | 'refresh',
    target: ActionTarget,
  ): Promise<ApplicationActionResult> {
    const { instance, app, project } = target;
    const client = this.clients.get(instance.name)!;
    const { name, namespace } = app.metadata;
    try {
      const updated =
        kind === 'sync'
          ? await client.sync(name, namespace, project)
          : await client.getApplication(name, namespace, 'hard', project);
      const detail =
        kind === 'sync'
          ? updated?.status?.operationState?.phase ?? 'Running'
          : updated?.status?.sync?.status;
      return {
        instance: instance.name,
        name,
        appNamespace: namespace,
        ...(typeof detail === 'string' ? { detail } : {}),
      };
    } catch (e) {
      const verb = kind === 'sync' ? 'sync' : 'hard-refresh';
      const message = `Argo CD refused to ${verb} application "${name}": ${
        (e as Error).message
      }`;
      if (e instanceof ArgoCdError && e.status === 403) {
        throw new NotAllowedError(
          `${message} (is it still in project ${project}?)`,
        );
      }
      if (e instanceof ArgoCdError && e.status === 404) {
        throw new NotFoundError(message);
      }
      throw new ServiceUnavailableError(message);
    } finally {
      await this.afterAction(instance.name).catch(() => undefined);
    }
  }
}
