import { InputError } from '@backstage/errors';
import {
  PRESET_POINTS,
  RANGE_PRESETS,
  RANGES,
  type RangePreset,
  type TimeWindow,
} from '@internal/plugin-observability-common';
import type { ObservabilityConfig } from '../config/ObservabilityConfig';

type Limits = ObservabilityConfig['limits'];

function duration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function timestamp(value: unknown, field: string): number {
  if (typeof value !== 'string' || !/^\d{1,12}(\.\d{1,3})?$/.test(value)) {
    throw new InputError(
      `Query parameter ${field} must be a unix time in seconds`,
    );
  }
  return Number(value);
}

/**
 * The window of a request: `range=1h|6h|24h|7d` (default 1h; end bucketed to `bucketSeconds`, so
 * viewers in the same bucket share one upstream query), or `start`, `end` and `step` in unix
 * seconds. Too wide, too fine or too many points is a 400 naming the limit.
 */
export function parseTimeWindow(
  query: Record<string, unknown>,
  limits: Limits,
  options: { nowSeconds: number; bucketSeconds: number; points?: number },
): TimeWindow & { preset?: RangePreset } {
  const { range, start, end, step } = query;
  const custom = start !== undefined || end !== undefined || step !== undefined;
  if (range !== undefined && custom) {
    throw new InputError('Give either range or start, end and step, not both');
  }
  if (!custom) {
    const preset = (range ?? '1h') as RangePreset;
    if (typeof preset !== 'string' || !RANGE_PRESETS.includes(preset)) {
      throw new InputError(
        `Query parameter range must be one of ${RANGE_PRESETS.join(', ')}`,
      );
    }
    const seconds = RANGES[preset];
    const presetStep = Math.max(
      limits.minStepSeconds,
      Math.ceil(seconds / (options.points ?? PRESET_POINTS)),
    );
    const bucket = Math.max(1, Math.round(options.bucketSeconds));
    const windowEnd = Math.floor(options.nowSeconds / bucket) * bucket;
    return {
      preset,
      start: windowEnd - seconds,
      end: windowEnd,
      step: presetStep,
    };
  }
  const s = timestamp(start, 'start');
  const e = timestamp(end, 'end');
  if (typeof step !== 'string' || !/^\d{1,9}$/.test(step)) {
    throw new InputError('Query parameter step must be whole seconds');
  }
  const st = Number(step);
  if (e <= s) {
    throw new InputError('Query parameter end must be after start');
  }
  if (e - s > limits.maxRangeSeconds) {
    throw new InputError(
      `The range from start to end (${duration(
        Math.ceil(e - s),
      )}) is wider than the limit of ${duration(
        limits.maxRangeSeconds,
      )} (observability.limits.maxRangeSeconds)`,
    );
  }
  if (st < limits.minStepSeconds) {
    throw new InputError(
      `Query parameter step (${st}s) is finer than the limit of ${limits.minStepSeconds}s (observability.limits.minStepSeconds)`,
    );
  }
  const points = Math.floor((e - s) / st) + 1;
  if (points > limits.maxPoints) {
    throw new InputError(
      `The range and step ask for ${points} points per series, more than the limit of ${limits.maxPoints} (observability.limits.maxPoints)`,
    );
  }
  return { start: s, end: e, step: st };
}
