import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ownerRefOfEntity,
  TEAM_LABEL,
  teamOfEntity,
  teamProjectName,
} from '@internal/plugin-portico-node';
import type { ArgoApplication } from '../upstream/ArgoCdClient';

/*
 * Which Argo CD applications the platform ties to an entity's owner. The entity's annotations
 * only say where to look; what sync and refresh may act on rests on facts the platform writes
 * in its GitOps commit: the Application's `portico.io/team` label and its per-team AppProject.
 */

export type OwnerTie =
  | { tied: true; team: string; project: string }
  | { tied: false; reason: string };

/**
 * Whether `app` belongs to the team that owns `entity`: labelled `portico.io/team=<team>` AND in
 * the team's project `team-<team>`. The reason names the application and what is missing.
 */
export function tieToOwner(entity: Entity, app: ArgoApplication): OwnerTie {
  const name = app.metadata.name;
  const owner = ownerRefOfEntity(entity);
  const team = teamOfEntity(entity);
  if (!team) {
    return {
      tied: false,
      reason: `application "${name}" cannot be tied to ${stringifyEntityRef(
        entity,
      )}: ${
        owner
          ? `its owner ${owner} is not a team (a group in the default namespace)`
          : 'it has no owner'
      }`,
    };
  }
  const label = app.metadata.labels?.[TEAM_LABEL];
  if (label !== team) {
    return {
      tied: false,
      reason: `application "${name}" is not labelled ${TEAM_LABEL}=${team}`,
    };
  }
  const project = teamProjectName(team);
  const actual = app.spec?.project;
  if (actual !== project) {
    return {
      tied: false,
      reason: `application "${name}" is not in project ${project} (its project is ${
        typeof actual === 'string' && actual ? actual : 'not set'
      })`,
    };
  }
  return { tied: true, team, project };
}
