import type { ArgoInstanceConfig } from '../config/readArgoConfig';
import type { ArgoApplication } from '../upstream/ArgoCdClient';

/*
 * Bodies in the shape @roadiehq/backstage-plugin-argo-cd decodes (its io-ts codecs
 * argoCDServiceList, argoCDAppDetails, argoCDAppList, argoCDAppDeployRevisionDetails), built from
 * the cached view. Unlike Roadie's backend, every history entry is kept.
 */

export interface RoadieLocation {
  name: string;
  url: string;
  appName: string[];
}

export function roadieLocation(
  instance: ArgoInstanceConfig,
  appNames: string[],
): RoadieLocation {
  return {
    name: instance.name,
    url: instance.uiUrl,
    appName: [...new Set(appNames)],
  };
}

type Json = Record<string, any>;

/** Copies the named fields that are present (and not null). */
function pick(from: unknown, keys: readonly string[]): Json | undefined {
  if (!from || typeof from !== 'object' || Array.isArray(from))
    return undefined;
  const out: Json = {};
  for (const k of keys) {
    const v = (from as Json)[k];
    if (v !== undefined && v !== null) out[k] = v;
  }
  return out;
}

/**
 * Where an application's manifests come from, and nothing of how they are rendered: no `helm`
 * (values, parameters, file parameters), `kustomize`, `plugin` (env) or `directory` blocks.
 */
const SOURCE_FIELDS = ['repoURL', 'path', 'targetRevision', 'chart'] as const;

function reducedSource(s: unknown): Json | undefined {
  return pick(s, SOURCE_FIELDS);
}

function reducedSources(list: unknown): Json[] | undefined {
  return Array.isArray(list)
    ? list.map(s => reducedSource(s) ?? {})
    : undefined;
}

function withSources(target: Json, from: Json | undefined) {
  const one = reducedSource(from?.source);
  if (one) target.source = one;
  const many = reducedSources(from?.sources);
  if (many) target.sources = many;
  return target;
}

function history(entries: unknown): Json[] | undefined {
  if (!Array.isArray(entries)) return undefined;
  return entries.map(h =>
    withSources(
      pick(h, [
        'id',
        'revision',
        'revisions',
        'deployStartedAt',
        'deployedAt',
      ]) ?? {},
      h,
    ),
  );
}

function conditions(list: unknown): Json[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map(
    c => pick(c, ['type', 'message', 'lastTransitionTime']) ?? {},
  );
}

/**
 * One application as Roadie's cards use it (their io-ts codec argoCDAppDetails plus what the
 * overview table, details drawer and history card read), plus the instance. Only these fields:
 * the routes answer every signed-in user for any application, so nothing of how it is rendered
 * (Helm values, parameters, plugin env) leaves the backend.
 */
export function roadieApplication(
  instance: ArgoInstanceConfig,
  app: ArgoApplication,
) {
  const spec = app.spec as Json | undefined;
  const status = app.status as Json | undefined;
  const operation = pick(status?.operationState, [
    'phase',
    'message',
    'startedAt',
    'finishedAt',
  ]);
  const out: Json = {
    metadata: {
      name: app.metadata.name,
      namespace: app.metadata.namespace,
      instance: { name: instance.name, url: instance.uiUrl },
    },
    spec: withSources(
      {
        ...(typeof spec?.project === 'string' ? { project: spec.project } : {}),
        ...(spec?.destination
          ? {
              destination: pick(spec.destination, [
                'server',
                'name',
                'namespace',
              ]),
            }
          : {}),
      },
      spec,
    ),
    status: {
      sync: pick(status?.sync, ['status', 'revision', 'revisions']) ?? {
        status: 'Unknown',
      },
      health: pick(status?.health, ['status', 'message']) ?? {
        status: 'Unknown',
      },
      // Roadie's codec wants startedAt whenever operationState is there
      ...(operation?.startedAt ? { operationState: operation } : {}),
    },
    instance: instance.name,
  };
  const h = history(status?.history);
  if (h) out.status.history = h;
  const c = conditions(status?.conditions);
  if (c) out.status.conditions = c;
  const images = status?.summary?.images;
  if (Array.isArray(images))
    out.status.summary = {
      images: images.filter(i => typeof i === 'string'),
    };
  return out;
}

export function roadieApplicationList(
  instance: ArgoInstanceConfig,
  apps: ArgoApplication[],
) {
  return { items: apps.map(a => roadieApplication(instance, a)) };
}
