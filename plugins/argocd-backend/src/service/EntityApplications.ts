import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { TEAM_LABEL, teamOfEntity } from '@internal/plugin-portico-node';
import type {
  ArgoInstanceState,
  EntityArgoStatus,
} from '@internal/plugin-argocd-common';
import type {
  ArgoBackendConfig,
  ArgoInstanceConfig,
} from '../config/readArgoConfig';
import type { IndexedApp } from '../lookup/AppIndex';
import {
  EntityArgoAnnotations,
  readEntityAnnotations,
} from '../lookup/entityAnnotations';
import { LabelRequirement, parseLabelSelector } from '../lookup/labelSelector';
import { tieToOwner } from '../lookup/ownership';
import type { InstanceViews } from '../snapshot/InstanceViews';
import type { ArgoApplication } from '../upstream/ArgoCdClient';

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

/** The application named on an instance, or a 404 naming it (and the namespace, if given). */
export function notOnInstance(
  name: string,
  instance: string,
  appNamespace?: string,
): NotFoundError {
  return new NotFoundError(
    `Application '${name}'${
      appNamespace ? ` in namespace '${appNamespace}'` : ''
    } is not on Argo CD instance '${instance}'`,
  );
}

/**
 * The configured instances and what their in-memory views hold: which applications an entity's
 * annotations find, and which one an action may act on.
 */
export class EntityApplications {
  private readonly byName: Map<string, ArgoInstanceConfig>;

  constructor(
    readonly config: ArgoBackendConfig,
    private readonly views: InstanceViews,
  ) {
    this.byName = new Map(config.instances.map(i => [i.name, i]));
  }

  /** A configured instance, or a 404 naming it. */
  instance(name: string): ArgoInstanceConfig {
    const instance = this.byName.get(name);
    if (!instance)
      throw new NotFoundError(`No Argo CD instance '${name}' is configured`);
    return instance;
  }

  /** Applications with this name on one instance (in `appNamespace` if given). */
  named(instance: string, name: string, appNamespace?: string): IndexedApp[] {
    return this.views.get(instance).index.findByName(name, appNamespace);
  }

  /** Applications matching a selector on one instance (in `appNamespace` if given). */
  selected(
    instance: string,
    requirements: LabelRequirement[],
    appNamespace?: string,
  ): IndexedApp[] {
    return this.views
      .get(instance)
      .index.findBySelector(requirements, appNamespace);
  }

  states(instances: ArgoInstanceConfig[], now = Date.now()) {
    return instances.map(i => this.views.state(i.name, now));
  }

  lookup(entity: Entity, scope: LookupScope = 'read'): EntityLookup {
    const annotations = readEntityAnnotations(entity);
    const none = (
      state: EntityLookup['state'],
      instanceStates: ArgoInstanceState[],
    ): EntityLookup => ({ annotations, state, found: [], instanceStates });
    if (!annotations.appName && !annotations.appSelector) {
      return none('no-annotation', []);
    }
    const now = Date.now();
    let instances = this.config.instances;
    if (annotations.instanceName) {
      const one = this.byName.get(annotations.instanceName);
      if (!one) {
        return none('not-found', [
          { name: annotations.instanceName, status: 'not-configured' },
        ]);
      }
      instances = [one];
    }
    let requirements: LabelRequirement[] | undefined;
    if (!annotations.appName && annotations.appSelector) {
      try {
        requirements = parseLabelSelector(annotations.appSelector);
      } catch {
        return none('not-found', this.states(instances, now));
      }
      if (scope === 'read') {
        const team = teamOfEntity(entity);
        if (!team) return none('not-found', this.states(instances, now));
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
      instanceStates: this.states(instances, now),
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
    const instance = this.instance(wanted.instance);
    const candidates = this.named(
      instance.name,
      wanted.name,
      wanted.appNamespace,
    );
    if (candidates.length === 0) {
      throw notOnInstance(wanted.name, instance.name, wanted.appNamespace);
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
}
