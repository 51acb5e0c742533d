/**
 * PromQL and LogQL string literals are Go-style double-quoted strings. Escaping the backslash
 * first, then the quote and the line breaks, makes any value one literal that cannot end early:
 * `a"} or vector(1)` becomes `"a\"} or vector(1)"`, a value that simply matches nothing.
 */
export function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
}

/** A label value as a quoted PromQL/LogQL string literal. */
export function quoteLabelValue(value: string): string {
  return `"${escapeLabelValue(value)}"`;
}
