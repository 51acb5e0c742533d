import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  BatchItem,
  CodeResponse,
  GITHUB_PROJECT_SLUG_ANNOTATION,
  parseProjectSlug,
} from '@internal/plugin-service-health-common';
import type { GithubSourceConfig } from '../config/readGithubConfig';
import { slugKey, StoredRepo } from '../store/GithubRepoStore';

/*
 * What the routes answer, from the stored reads only (a request never reaches GitHub).
 *
 * Who reads what (the ownership rules): everyone who may see the entity in the catalog sees its
 * repository, default branch, last commits (author, message, time), workflow runs (status,
 * duration, failing job and step, log link) and the NUMBER of open code-scanning alerts per
 * severity. These are what anyone at the company with the repository's read access sees on
 * GitHub, and the counts are a status at a glance like a badge. The alerts themselves (rule,
 * file, line, link) are security findings that point at an exploitable weakness before it is
 * fixed: only the entity's owners (members of its owning group) and admins get them.
 */

/** The entity's repository, when it is annotated and its owner is an organization the platform reads. */
export function repositoryOf(
  entity: Entity,
  config: GithubSourceConfig | undefined,
):
  | { slug: { owner: string; repo: string }; key: string }
  | { reason: 'no-annotation' | 'not-read' | 'not-configured'; raw?: string } {
  const raw = entity.metadata.annotations?.[GITHUB_PROJECT_SLUG_ANNOTATION];
  const slug = parseProjectSlug(raw);
  if (!slug) return { reason: 'no-annotation' };
  if (!config) return { reason: 'not-configured', raw };
  if (!config.organizations.has(slug.owner.toLowerCase()))
    return { reason: 'not-read', raw };
  return { slug, key: slugKey(slug.owner, slug.repo) };
}

export function codeResponse(
  entity: Entity,
  config: GithubSourceConfig | undefined,
  stored: StoredRepo | undefined,
  canSeeAlerts: boolean,
): CodeResponse {
  const entityRef = stringifyEntityRef(entity);
  const where = repositoryOf(entity, config);
  if ('reason' in where) {
    return {
      state: 'no-data',
      entityRef,
      reason: where.reason,
      ...(where.raw ? { slug: where.raw } : {}),
    };
  }
  const slug = `${where.slug.owner}/${where.slug.repo}`;
  if (!stored?.data) {
    return {
      state: 'no-data',
      entityRef,
      reason: 'not-read-yet',
      slug,
      ...(stored?.error ? { error: stored.error } : {}),
    };
  }
  const { alerts, ...scanning } = stored.data.codeScanning;
  return {
    state: 'ok',
    entityRef,
    canSeeAlerts,
    data: {
      ...stored.data,
      codeScanning: canSeeAlerts
        ? { ...scanning, alerts: alerts ?? [] }
        : scanning,
      ...(stored.error ? { lastError: stored.error } : {}),
    },
  };
}

/** A catalog row's CI and alert counts: readable by everyone who sees the row. */
export function batchItem(
  entity: Entity | undefined,
  config: GithubSourceConfig | undefined,
  stored: ReadonlyMap<string, StoredRepo>,
): BatchItem {
  if (!entity) return { state: 'no-data', reason: 'no-entity' };
  const where = repositoryOf(entity, config);
  if ('reason' in where) return { state: 'no-data', reason: where.reason };
  const data = stored.get(where.key)?.data;
  if (!data) return { state: 'no-data', reason: 'not-read-yet' };
  const run = data.runs[0];
  return {
    state: 'ok',
    slug: data.slug,
    ...(run
      ? {
          ci: {
            state: run.state,
            url: run.url,
            headSha: run.headSha,
            updatedAt: run.updatedAt,
          },
        }
      : {}),
    alerts: data.codeScanning.counts,
  };
}
