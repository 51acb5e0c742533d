import type { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  RangePreset,
  TimeWindow,
} from '@internal/plugin-observability-common';
import type express from 'express';
import type { ObservabilityConfig } from '../config/ObservabilityConfig';
import type { ObservabilityServices } from '../service/ObservabilityServices';
import { parseTimeWindow } from '../service/parseTimeWindow';
import type { Audited } from './auditedRoute';

const ENTITY_PART = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,252}$/;

/** The path every entity route starts with. */
export const ENTITY_PATH = '/entities/:kind/:namespace/:name';

/** The entity a request's path names; 400 naming the part that is not a valid one. */
export function entityRef(params: Record<string, string>): CompoundEntityRef {
  for (const field of ['kind', 'namespace', 'name']) {
    if (!ENTITY_PART.test(params[field] ?? '')) {
      throw new InputError(
        `Path parameter ${field} is not a valid entity ${field}`,
      );
    }
  }
  return {
    kind: params.kind,
    namespace: params.namespace,
    name: params.name,
  };
}

/** A request's window, with the range preset it was asked by. */
export type RequestWindow = TimeWindow & { preset: RangePreset };

/** The time windows of requests, read against the services' clock and the configured limits. */
export interface Windows {
  /** A chart's window (metrics, summary, Grafana panels): its end is floored to the step. */
  chart(query: Record<string, unknown>, stepSeconds?: number): RequestWindow;
  /** The logs' window: lines have no step, so the end moves on every cache TTL. */
  logs(query: Record<string, unknown>): RequestWindow;
}

export function createWindows(
  config: ObservabilityConfig,
  nowSeconds: () => number,
): Windows {
  return {
    chart: (query, stepSeconds) =>
      parseTimeWindow(query, config.limits, {
        nowSeconds: nowSeconds(),
        stepSeconds,
      }),
    logs: query =>
      parseTimeWindow(query, config.limits, {
        nowSeconds: nowSeconds(),
        endBucketSeconds: config.cache.ttlSeconds,
      }),
  };
}

/** What each route family is registered with. */
export interface RouteContext {
  router: express.Router;
  audited: Audited;
  services: ObservabilityServices;
  config: ObservabilityConfig;
  windows: Windows;
}
