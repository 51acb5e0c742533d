import type { SignalResponse } from '@internal/plugin-observability-common';
import { REFERENCE_SERIES } from '../signalLabels';

/** One row per timestamp with a column per drawn series; references as their latest values. */
export function chartData(response: SignalResponse) {
  const rows = new Map<number, Record<string, number | null>>();
  const lines: string[] = [];
  const references: Array<{ name: string; value: number }> = [];
  const latest: Record<string, number | null> = {};
  for (const series of response.series) {
    const values = series.points.filter(([, v]) => v !== null);
    latest[series.name] = values.length ? values[values.length - 1][1] : null;
    if (REFERENCE_SERIES.has(series.name)) {
      if (latest[series.name] !== null) {
        references.push({ name: series.name, value: latest[series.name]! });
      }
      continue;
    }
    lines.push(series.name);
    for (const [t, v] of series.points) {
      const row = rows.get(t) ?? { t };
      row[series.name] = v;
      rows.set(t, row);
    }
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.t! - b.t!),
    lines,
    references,
    latest,
  };
}
