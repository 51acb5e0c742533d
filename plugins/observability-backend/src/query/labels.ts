/** Longest label value accepted from an annotation or the config. */
export const MAX_LABEL_VALUE_LENGTH = 1024;

/** Prometheus label names, minus the reserved `__` prefix (e.g. `__name__`). */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;

/** Control characters other than tab, newline and carriage return (which are escaped). */
export const FORBIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Why `name` cannot be a label name, or undefined when it can. */
export function labelNameProblem(name: string): string | undefined {
  if (!LABEL_NAME.test(name)) {
    return `label name "${name.slice(
      0,
      64,
    )}" must match [a-zA-Z_][a-zA-Z0-9_]* (at most 128 characters)`;
  }
  if (name.startsWith('__')) {
    return `label name "${name}" is reserved (starts with __)`;
  }
  return undefined;
}

/** Why `value` cannot be a label value, or undefined when it can. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length === 0) {
    return 'label value is empty';
  }
  if (value.length > MAX_LABEL_VALUE_LENGTH) {
    return `label value is longer than ${MAX_LABEL_VALUE_LENGTH} characters`;
  }
  if (FORBIDDEN_CHARACTERS.test(value)) {
    return 'label value contains control characters';
  }
  return undefined;
}
