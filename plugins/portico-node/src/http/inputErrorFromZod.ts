import { InputError } from '@backstage/errors';

/**
 * The part of a zod error (v3 or v4) that names what was wrong: each issue's path and message,
 * and the keys of an `unrecognized_keys` issue.
 */
export interface ZodLikeError {
  issues: ReadonlyArray<{
    path: ReadonlyArray<PropertyKey>;
    message: string;
    code?: string;
    keys?: ReadonlyArray<string>;
  }>;
}

/** How {@link inputErrorFromZod} words its message. */
export interface InputErrorWording {
  /** Put before the problems, e.g. `Invalid request` or `argo:trigger refused its input`. */
  prefix?: string;
  /** The first segment of every field path, e.g. `input` or `query`; a root-level problem names it alone. */
  root?: string;
}

/** One problem as `field: message`, the field a dotted path (`input.extraSecrets.0.remoteKey`). */
function problemText(
  issue: ZodLikeError['issues'][number],
  root: string | undefined,
): string {
  const segments = [...(root ? [root] : []), ...issue.path.map(String)];
  const field = segments.join('.') || '(body)';
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return `${field}: unknown field ${issue.keys.join(', ')}`;
  }
  return `${field}: ${issue.message}`;
}

/**
 * Turns a failed zod parse into one `InputError` (400) that names every bad field:
 * `Invalid request: body.appNamespace: Expected string, received number; ...`. The value itself is
 * never repeated, so a secret typed into the wrong field does not come back in the answer.
 */
export function inputErrorFromZod(
  error: ZodLikeError,
  wording: InputErrorWording = {},
): InputError {
  const problems = error.issues.map(issue => problemText(issue, wording.root));
  const text = problems.length ? problems.join('; ') : 'invalid input';
  return new InputError(wording.prefix ? `${wording.prefix}: ${text}` : text);
}
