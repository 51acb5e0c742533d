import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  inputErrorFromZod,
  reservedNamespaceReason,
  type TeamNamespacesService,
} from '@internal/plugin-portico-node';
import { provisioningRunCreatePermission } from '@internal/plugin-portico-permissions-common';
import { triggerRunRequestSchema } from '@internal/plugin-provisioning-common';
import type { NewRun, RunStore } from '../database/RunStore';
import type { TemplateRegistry } from '../templates/TemplateRegistry';
import { TooManyRequestsError } from './errors';
import { authorizeNamespaces, ownerOf, type NamedNamespace } from './ownership';

/**
 * The only services that may start runs for a user (their token carries the user as principal
 * and the service as actor): the scaffolder, for its task's initiator.
 */
export const TRIGGER_ACTORS: readonly string[] = ['plugin:scaffolder'];

export interface TriggerRulesOptions {
  runs: Pick<RunStore, 'activeRunsOf'>;
  catalog: CatalogService;
  permissions: PermissionsService;
  /** The templates runs may be started for, with their parameter schemas (platform config). */
  templates: TemplateRegistry;
  /** Which team holds which namespace (the platform's fact). */
  teamNamespaces: TeamNamespacesService;
  /** Namespaces no run may name (readReservedNamespaces). */
  reservedNamespaces: readonly string[];
  /** Runs a user may have in progress at once. */
  activeRunsPerUser: number;
}

/**
 * Who may start which run, checked in this order before anything is written: a user (or the
 * scaffolder for its task's initiator); a well-formed request of a registered template whose
 * parameters pass its schema and name no reserved namespace (field errors first); an entity in
 * the catalog the user may provision (its owners); namespaces free or held by the entity's team;
 * fewer runs in progress than the user's limit.
 */
export class TriggerRules {
  constructor(private readonly options: TriggerRulesOptions) {}

  /** The run to record for `body`, or the refusal (thrown). */
  async admit(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    body: unknown,
  ): Promise<NewRun> {
    const { catalog, templates, reservedNamespaces, activeRunsPerUser } =
      this.options;
    // Users only: a user's own token, or the scaffolder's token for its task's initiator
    // (principal = the user, actor = plugin:scaffolder), so that the initiator's identity
    // and permissions decide, never a plugin's.
    const actor = credentials.principal.actor?.subject;
    if (actor !== undefined && !TRIGGER_ACTORS.includes(actor)) {
      throw new NotAllowedError(
        `Provisioning runs are started by users, or by the scaffolder for its task's initiator, not by ${actor}`,
      );
    }
    const parsed = triggerRunRequestSchema.safeParse(body);
    if (!parsed.success) throw inputErrorFromZod(parsed.error);
    const template = templates.get(parsed.data.template);
    if (!template) {
      throw new InputError(
        `Invalid field template: ${
          parsed.data.template
        } is not a registered provisioning template (registered: ${
          templates.names().join(', ') || 'none'
        })`,
      );
    }
    // The template's schema, then reserved names: field errors, before anything else.
    const parameters = template.validate(parsed.data.parameters);
    const namespaces: NamedNamespace[] = template.namespaceParameters.flatMap(
      field => {
        const value = parameters[field];
        return typeof value === 'string' ? [{ field, name: value }] : [];
      },
    );
    for (const { field, name } of namespaces) {
      const reason = reservedNamespaceReason(name, reservedNamespaces);
      if (reason) {
        throw new InputError(`Invalid field parameters.${field}: ${reason}`);
      }
    }

    const entityRef = stringifyEntityRef(
      parseEntityRef(parsed.data.entityRef),
    ).toLocaleLowerCase('en-US');
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    await this.authorizeCreate(credentials, entityRef);
    const owner = ownerOf(entity);
    if (namespaces.length > 0) {
      await authorizeNamespaces({
        entityRef,
        owner,
        namespaces,
        teamNamespaces: this.options.teamNamespaces,
      });
    }
    const userRef = credentials.principal.userEntityRef;
    const active = await this.options.runs.activeRunsOf(userRef);
    if (active >= activeRunsPerUser) {
      throw new TooManyRequestsError(
        `You have ${active} provisioning runs in progress (at most ${activeRunsPerUser}); wait for one to end`,
        60,
      );
    }
    return { template: template.name, entityRef, owner, userRef, parameters };
  }

  private async authorizeCreate(
    credentials: BackstageCredentials,
    entityRef: string,
  ) {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: provisioningRunCreatePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only the owners of ${entityRef} may start provisioning runs for it`,
      );
    }
  }
}
