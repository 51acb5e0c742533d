/** A plain object (not an array, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges the peers' config fragments into one config: objects merge key by key, arrays
 * concatenate without repeating an equal element (so two peers may each add to
 * backend.reading.allow or backend.csp.frame-src, and "'self'" appears once), and any other
 * value of a later fragment replaces the earlier one. The inputs are not changed.
 */
export function mergeConfig(
  ...fragments: Record<string, unknown>[]
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const fragment of fragments) {
    for (const [key, value] of Object.entries(fragment)) {
      result[key] = mergeValue(result[key], value);
    }
  }
  return result;
}

function mergeValue(left: unknown, right: unknown): unknown {
  if (isRecord(left) && isRecord(right)) {
    return mergeConfig(left, right);
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    const seen = new Set(left.map(item => JSON.stringify(item)));
    const added = right.filter(item => {
      const text = JSON.stringify(item);
      if (seen.has(text)) return false;
      seen.add(text);
      return true;
    });
    return [...left, ...added].map(copy);
  }
  return copy(right);
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isRecord(value)) return mergeConfig(value);
  return value;
}
