import { InputError } from '@backstage/errors';
import {
  RANGE_PRESETS,
  RANGE_STEPS,
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

/**
 * The window of a request: `range=15m|1h|6h|24h|7d` (default 1h), nothing else. The backend
 * chooses the rest: the step is the preset's (or `stepSeconds` when given by the backend itself,
 * e.g. the overview card's), never finer than `minStepSeconds`, and the end is the current time
 * floored to a whole number of steps (`floor(now / step) * step`), so every viewer of the same
 * step shares one window, one cached result and one upstream query, and the newest point is less
 * than one step old (15 s for 15m/1h, 90 s for 6h, 6 min for 24h, 42 min for 7d; 60 s for the
 * overview card). Reads without a step (logs) give `endBucketSeconds` instead: their newest line
 * should not wait for a 7d step. `start`, `end` or `step` from the browser is a 400: a caller
 * cannot make every request a window nobody asked for before.
 */
export function parseTimeWindow(
  query: Record<string, unknown>,
  limits: Limits,
  options: {
    nowSeconds: number;
    stepSeconds?: number;
    /** The end's bucket, in seconds, when it is not the step (logs: the cache TTL). */
    endBucketSeconds?: number;
  },
): TimeWindow & { preset: RangePreset } {
  for (const field of ['start', 'end', 'step']) {
    if (query[field] !== undefined) {
      throw new InputError(
        `Query parameter ${field} is not accepted: the window is chosen by the backend; give range=${RANGE_PRESETS.join(
          '|',
        )}`,
      );
    }
  }
  const preset = (query.range ?? '1h') as RangePreset;
  if (typeof preset !== 'string' || !RANGE_PRESETS.includes(preset)) {
    throw new InputError(
      `Query parameter range must be one of ${RANGE_PRESETS.join(', ')}`,
    );
  }
  const seconds = RANGES[preset];
  if (seconds > limits.maxRangeSeconds) {
    throw new InputError(
      `Query parameter range ${preset} is wider than the limit of ${duration(
        limits.maxRangeSeconds,
      )} (observability.limits.maxRangeSeconds)`,
    );
  }
  const step = Math.max(
    limits.minStepSeconds,
    options.stepSeconds ?? RANGE_STEPS[preset],
  );
  const bucket = Math.max(1, Math.round(options.endBucketSeconds ?? step));
  const end = Math.floor(options.nowSeconds / bucket) * bucket;
  return { preset, start: end - seconds, end, step };
}
