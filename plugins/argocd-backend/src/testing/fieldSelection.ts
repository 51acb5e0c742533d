/*
 * Argo CD's `fields` query parameter on list calls: a comma-separated list of dotted paths,
 * `items.<path>` for per-application fields and `metadata.<path>` for the list's metadata.
 * Only the named subtrees are returned.
 */

function pick(target: Record<string, any>, source: any, path: string[]): void {
  if (source === null || source === undefined || typeof source !== 'object')
    return;
  const [head, ...rest] = path;
  if (!(head in source)) return;
  if (rest.length === 0) {
    target[head] = source[head];
    return;
  }
  const child = source[head];
  if (child === null || typeof child !== 'object' || Array.isArray(child)) {
    return;
  }
  target[head] = target[head] ?? {};
  pick(target[head], child, rest);
}

export function selectFields(
  list: { metadata: any; items: any[] },
  fields: string[],
) {
  const itemPaths = fields
    .filter(f => f.startsWith('items.'))
    .map(f => f.slice(6).split('.'));
  const metaPaths = fields
    .filter(f => f.startsWith('metadata.'))
    .map(f => f.split('.'));
  const out: Record<string, any> = {};
  for (const p of metaPaths) pick(out, list, p);
  out.items = list.items.map(item => {
    const o: Record<string, any> = {};
    for (const p of itemPaths) pick(o, item, p);
    return o;
  });
  return out;
}
