import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/**
 * Parses an action input with its zod schema (refinements and defaults included) and turns
 * failures into one InputError naming every bad field: `input.extraSecrets.0.remoteKey: ...`.
 */
export function parseInput<T extends z.ZodTypeAny>(
  actionId: string,
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(issue => {
    const field = ['input', ...issue.path].join('.');
    return `${field}: ${issue.message}`;
  });
  throw new InputError(`${actionId} refused its input: ${problems.join('; ')}`);
}
