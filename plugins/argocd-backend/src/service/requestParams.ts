import { InputError } from '@backstage/errors';
import { argoNameSchema } from '@internal/plugin-argocd-common';
import {
  LabelRequirement,
  LabelSelectorError,
  parseLabelSelector,
} from '../lookup/labelSelector';

/*
 * Checks of path and query values before they reach the cache or Argo CD. Anything with path
 * characters (`/`, `..`, encoded slashes after decoding, control characters) is refused with a
 * 400 that names the parameter.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function parseName(param: string, value: unknown): string {
  if (
    typeof value !== 'string' ||
    CONTROL.test(value) ||
    value.includes('..') ||
    !argoNameSchema.safeParse(value).success
  ) {
    throw new InputError(
      `Invalid ${param}: must be 1-253 letters, digits, '.', '_' or '-' (no '/', '..' or control characters)`,
    );
  }
  return value;
}

export function parseOptionalNamespace(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value))
    throw new InputError('Invalid appNamespace: give it once');
  return parseName('appNamespace', value);
}

const REVISION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/;

export function parseRevision(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !REVISION.test(value) ||
    value.includes('..')
  ) {
    throw new InputError(
      "Invalid revision: must be a commit SHA, tag or version (letters, digits, '.', '_', '+', '-'; no '/')",
    );
  }
  return value;
}

export function parseSelector(value: unknown): LabelRequirement[] {
  if (typeof value !== 'string')
    throw new InputError('Invalid selector: missing');
  try {
    return parseLabelSelector(value);
  } catch (e) {
    if (e instanceof LabelSelectorError)
      throw new InputError(`Invalid selector: ${e.message}`);
    throw e;
  }
}
