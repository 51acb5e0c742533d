import { LabelSelector } from './schemas';

/**
 * Whether a label selector selects an object with these labels, as Kubernetes evaluates it: an
 * empty selector selects everything, an absent one (null) nothing.
 */
export function selects(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) {
    return false;
  }
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) {
      return false;
    }
  }
  for (const e of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(have, e.key);
    const values = e.values ?? [];
    const ok =
      (e.operator === 'In' && present && values.includes(have[e.key])) ||
      (e.operator === 'NotIn' && !(present && values.includes(have[e.key]))) ||
      (e.operator === 'Exists' && present) ||
      (e.operator === 'DoesNotExist' && !present);
    if (!ok) {
      return false;
    }
  }
  return true;
}
