import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

/** A template step as an action's example shows it. */
export interface ExampleStep {
  id: string;
  action: string;
  name: string;
  input: Record<string, unknown>;
}

/** An action's example: a template's `steps` as YAML. */
export function stepExample(
  description: string,
  ...steps: ExampleStep[]
): TemplateExample {
  return { description, example: stringify({ steps }) };
}
