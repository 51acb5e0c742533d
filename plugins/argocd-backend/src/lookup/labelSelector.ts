/*
 * Kubernetes label selectors (the subset Argo CD's `selector` accepts): `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, comma-separated (AND). Parsed once, evaluated against
 * the in-memory index; a selector that does not parse is refused (400) and never sent upstream.
 */

export type LabelRequirement =
  | { key: string; op: 'in'; values: string[] }
  | { key: string; op: 'notin'; values: string[] }
  | { key: string; op: 'exists' }
  | { key: string; op: '!exists' };

export class LabelSelectorError extends Error {}

const NAME = '[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const PREFIX =
  '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*';
const KEY_RE = new RegExp(`^(?:${PREFIX}/)?${NAME}$`);
const VALUE_RE = new RegExp(`^(?:${NAME})?$`);

function checkKey(key: string): string {
  if (!KEY_RE.test(key) || key.length > 317) {
    throw new LabelSelectorError(`invalid label key '${key}'`);
  }
  return key;
}

function checkValue(value: string): string {
  if (!VALUE_RE.test(value)) {
    throw new LabelSelectorError(`invalid label value '${value}'`);
  }
  return value;
}

function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0 || depth > 1)
      throw new LabelSelectorError('unbalanced parentheses');
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) throw new LabelSelectorError('unbalanced parentheses');
  terms.push(current);
  return terms.map(t => t.trim());
}

/** Parses a label selector; throws LabelSelectorError naming what is wrong. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  if (selector.length === 0 || selector.length > 1024) {
    throw new LabelSelectorError('selector must be 1-1024 characters');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(selector)) {
    throw new LabelSelectorError('selector contains control characters');
  }
  return splitTerms(selector).map(term => {
    if (term === '') throw new LabelSelectorError('empty requirement');
    const setMatch = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term);
    if (setMatch) {
      const values = setMatch[3].split(',').map(v => checkValue(v.trim()));
      return {
        key: checkKey(setMatch[1]),
        op: setMatch[2] as 'in' | 'notin',
        values,
      };
    }
    const eqMatch = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (eqMatch) {
      const key = checkKey(eqMatch[1]);
      const value = checkValue(eqMatch[3]);
      return eqMatch[2] === '!='
        ? { key, op: 'notin', values: [value] }
        : { key, op: 'in', values: [value] };
    }
    if (term.startsWith('!'))
      return { key: checkKey(term.slice(1).trim()), op: '!exists' };
    return { key: checkKey(term), op: 'exists' };
  });
}

/** True when the labels satisfy every requirement. */
export function matchesLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      default:
        return false;
    }
  });
}
