import type { LogLevel } from '@internal/plugin-observability-common';
import { quoteLabelValue } from './escapeLabelValue';
import type { LabelSelector } from './LabelSelector';

/** What the logs panel may filter on; the text is a literal, never a regular expression. */
export interface LogFilter {
  text?: string;
  level?: LogLevel;
}

/**
 * The LogQL of a service's logs: its stream selector, a literal line filter (`|=`) and a label
 * filter on the level. Every value is an escaped string literal.
 */
export function buildLogQuery(
  selector: LabelSelector,
  filter: LogFilter,
  levelLabel: string,
): string {
  let query = `{${selector.toMatchers()}}`;
  if (filter.text) {
    query += ` |= ${quoteLabelValue(filter.text)}`;
  }
  if (filter.level) {
    query += ` | ${levelLabel}=${quoteLabelValue(filter.level)}`;
  }
  return query;
}
