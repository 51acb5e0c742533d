import { JsonObject } from '@backstage/types';
import {
  ActionContext,
  createTemplateAction,
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { parseInput } from '../validation/parseInput';

/** What a Portico action's handler is given besides its parsed input. */
export type PlatformActionContext<O extends z.ZodTypeAny> = Omit<
  ActionContext<JsonObject>,
  'output'
> & {
  output<K extends keyof z.output<O> & string>(
    name: K,
    value: z.output<O>[K],
  ): void;
};

export interface PlatformActionOptions<
  I extends z.ZodTypeAny,
  O extends z.ZodTypeAny,
> {
  id: string;
  description: string;
  examples: TemplateExample[];
  input: I;
  output: O;
  /** Runs with the input parsed by `input` (refinements and defaults applied). */
  handler(ctx: PlatformActionContext<O>, input: z.output<I>): Promise<void>;
}

/**
 * A Portico action: it supports dry runs, and its handler gets the input re-parsed with its zod
 * schema (the scaffolder only checks the JSON-schema projection, which has no refinements or
 * defaults), a failure refused as one InputError naming every bad field.
 */
export function createPlatformAction<
  I extends z.ZodTypeAny,
  O extends z.ZodTypeAny,
>(options: PlatformActionOptions<I, O>): TemplateAction<any, any, 'v2'> {
  return createTemplateAction({
    id: options.id,
    description: options.description,
    examples: options.examples,
    supportsDryRun: true,
    schema: { input: () => options.input, output: () => options.output },
    async handler(ctx) {
      const input = parseInput(options.id, options.input, ctx.input);
      await options.handler(ctx as unknown as PlatformActionContext<O>, input);
    },
  });
}
