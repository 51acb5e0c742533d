import { z } from 'zod';
import { inputErrorFromZod } from './inputErrorFromZod';

describe('inputErrorFromZod', () => {
  const schema = z
    .object({
      name: z.string().min(2),
      secrets: z.array(z.object({ remoteKey: z.string() })),
    })
    .strict();

  function errorOf(value: unknown) {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error('expected a failure');
    return parsed.error;
  }

  it('names every bad field under its root, as a 400', () => {
    const error = inputErrorFromZod(
      errorOf({ name: 'x', secrets: [{ remoteKey: 7 }] }),
      { prefix: 'Invalid request', root: 'input' },
    );
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(/^Invalid request: input\.name: /);
    expect(error.message).toContain('input.secrets.0.remoteKey: ');
  });

  it('names unknown fields, and never repeats a value', () => {
    const error = inputErrorFromZod(
      errorOf({ name: 'ok', secrets: [], token: 's3cr3t-value' }),
    );
    expect(error.message).toBe('(body): unknown field token');
    expect(error.message).not.toContain('s3cr3t-value');
  });
});
