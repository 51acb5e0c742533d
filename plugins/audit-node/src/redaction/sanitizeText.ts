const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

/**
 * Text that PostgreSQL stores as given: without NUL characters (refused in `text` and `jsonb`),
 * without unpaired UTF-16 surrogates (refused in `jsonb`), and at most `maxLength` long (longer
 * text is cut and ends with `…`).
 */
export function sanitizeText(value: string, maxLength: number): string {
  let text = value;
  if (text.includes('\u0000')) {
    text = text.replace(NUL, '');
  }
  if (text.length > maxLength) {
    text = `${text.slice(0, Math.max(0, maxLength - 1))}…`;
  }
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
