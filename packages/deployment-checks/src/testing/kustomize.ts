/*
 * The two pieces of kustomize and Backstage config semantics the deploy/ checks need, so a clone
 * without kubectl checks the same: kustomize `replacements` (source field, optionally one part of
 * it split at a delimiter, copied into target field paths) and a Backstage duration in seconds.
 */
import { isRecord } from './yamlDocuments';

interface Replacement {
  source: {
    kind: string;
    name: string;
    fieldPath: string;
    options?: { delimiter?: string; index?: number };
  };
  targets: Array<{
    select: { kind: string; name?: string };
    fieldPaths: string[];
  }>;
}

const segments = (fieldPath: string) => fieldPath.split('.');

function getField(object: unknown, fieldPath: string): unknown {
  let node: any = object;
  for (const part of segments(fieldPath)) {
    if (node === undefined || node === null) return undefined;
    node = node[/^\d+$/.test(part) ? Number(part) : part];
  }
  return node;
}

function setField(object: unknown, fieldPath: string, value: unknown) {
  const parts = segments(fieldPath);
  let node: any = object;
  for (const part of parts.slice(0, -1)) {
    node = node?.[/^\d+$/.test(part) ? Number(part) : part];
    if (!isRecord(node) && !Array.isArray(node)) {
      throw new Error(`replacement target ${fieldPath}: no ${part}`);
    }
  }
  const last = parts[parts.length - 1];
  node[/^\d+$/.test(last) ? Number(last) : last] = value;
}

/** The objects with the kustomization's `replacements` applied (copies; inputs untouched). */
export function applyReplacements(
  objects: any[],
  replacements: Replacement[] = [],
): any[] {
  const out = objects.map(o => structuredClone(o));
  for (const r of replacements) {
    const source = out.filter(
      o => o.kind === r.source.kind && o.metadata?.name === r.source.name,
    );
    if (source.length !== 1) {
      throw new Error(
        `replacement source ${r.source.kind}/${r.source.name}: ${source.length} found`,
      );
    }
    let value = getField(source[0], r.source.fieldPath);
    if (typeof value !== 'string') {
      throw new Error(`replacement source ${r.source.fieldPath}: not a string`);
    }
    const { delimiter, index } = r.source.options ?? {};
    if (delimiter !== undefined) {
      value = value.split(delimiter)[index ?? 0];
    }
    for (const target of r.targets) {
      const selected = out.filter(
        o =>
          o.kind === target.select.kind &&
          (target.select.name === undefined ||
            o.metadata?.name === target.select.name),
      );
      if (selected.length === 0) {
        throw new Error(`replacement target ${target.select.kind}: none found`);
      }
      for (const o of selected) {
        for (const fieldPath of target.fieldPaths)
          setField(o, fieldPath, value);
      }
    }
  }
  return out;
}

const UNIT_SECONDS: Record<string, number> = {
  milliseconds: 0.001,
  seconds: 1,
  minutes: 60,
  hours: 3600,
};

/** A Backstage HumanDuration object ({ seconds: 30 }) or a number of seconds, in seconds. */
export function seconds(duration: unknown): number {
  if (typeof duration === 'number') return duration;
  if (!isRecord(duration))
    throw new Error(`not a duration: ${JSON.stringify(duration)}`);
  return Object.entries(duration).reduce((sum, [unit, n]) => {
    const factor = UNIT_SECONDS[unit];
    if (factor === undefined)
      throw new Error(`duration unit ${unit} not handled here`);
    return sum + Number(n) * factor;
  }, 0);
}
