import { inputErrorFromZod } from '@internal/plugin-portico-node';
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
  throw inputErrorFromZod(result.error, {
    prefix: `${actionId} refused its input`,
    root: 'input',
  });
}
