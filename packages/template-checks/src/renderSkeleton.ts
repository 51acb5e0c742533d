/*
 * Renders the New service template's skeletons exactly as its `fetch:template` steps do: the steps'
 * inputs are read from templates/new-service/template.yaml, their `${{ parameters.x }}` expressions
 * are filled from the given parameters, and the real fetch:template action of
 * @backstage/plugin-scaffolder-backend renders the files into a directory.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import YAML from 'yaml';
import { templatesDir } from './paths';

export const NEW_SERVICE_TEMPLATE = join(
  templatesDir,
  'new-service',
  'template.yaml',
);

export const LANGUAGES = ['node', 'go', 'python'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface NewServiceParameters {
  name: string;
  owner: string;
  description: string;
  language: Language;
  traffic: 'low' | 'medium' | 'high';
  storage: 'none' | 'postgresql' | 'object-storage';
  [key: string]: unknown;
}

interface TemplateStep {
  id: string;
  action: string;
  input?: Record<string, unknown>;
}

export function readTemplate(path: string): {
  spec: { steps: TemplateStep[]; parameters: unknown[] };
} {
  return YAML.parse(readFileSync(path, 'utf8'));
}

/**
 * Fills `${{ parameters.x }}` in a step input. Any other expression is an error here: this helper
 * only mirrors simple references, the integration test runs the real templating.
 */
export function fillParameters(
  value: unknown,
  parameters: Record<string, unknown>,
): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{\{\s*parameters\.(\w+)\s*\}\}$/.exec(value);
    if (whole) return parameters[whole[1]];
    const filled = value.replace(
      /\$\{\{\s*parameters\.(\w+)\s*\}\}/g,
      (_, key: string) => String(parameters[key]),
    );
    if (filled.includes('${{'))
      throw new Error(`unsupported expression in fetch step input: ${value}`);
    return filled;
  }
  if (Array.isArray(value))
    return value.map(v => fillParameters(v, parameters));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fillParameters(v, parameters)]),
    );
  }
  return value;
}

const noReader: UrlReaderService = {
  async readUrl() {
    throw new Error('skeletons are local files; no URL may be read');
  },
  async readTree() {
    throw new Error('skeletons are local files; no URL may be read');
  },
  async search() {
    throw new Error('skeletons are local files; no URL may be read');
  },
};

/** Runs every fetch:template step of the New service template into `workspacePath`. */
export async function renderNewService(
  parameters: NewServiceParameters,
  workspacePath: string,
): Promise<string[]> {
  const template = readTemplate(NEW_SERVICE_TEMPLATE);
  const action = createFetchTemplateAction({
    reader: noReader,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const steps = template.spec.steps.filter(s => s.action === 'fetch:template');
  if (steps.length === 0) throw new Error('no fetch:template step');
  for (const step of steps) {
    const input = fillParameters(step.input ?? {}, parameters) as any;
    const ctx = createMockActionContext({
      input,
      workspacePath,
      templateInfo: {
        entityRef: 'template:default/new-service',
        baseUrl: pathToFileURL(NEW_SERVICE_TEMPLATE).href,
      },
    });
    // Like the real task context: scratch space outside the workspace (the mock's is inside it).
    ctx.createTemporaryDirectory = async () =>
      mkdtempSync(join(tmpdir(), 'portico-fetch-'));
    await action.handler(ctx);
  }
  return steps.map(s => s.id);
}
