import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** A DNS-1123 label: what a Kubernetes namespace name must be. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A provisioning template the platform registered (`provisioning.templates.<name>`). */
export interface RegisteredTemplate {
  name: string;
  /** Parameters that name a Kubernetes namespace the run creates or acts in. */
  namespaceParameters: string[];
  /**
   * The parameters as the workflow gets them (schema defaults filled in), or an InputError
   * naming the first unknown, missing or invalid field (`parameters.<field>`).
   */
  validate(parameters: Record<string, unknown>): Record<string, unknown>;
}

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return ['parameters', ...path].join('.');
}

/** The first ajv error as a message naming the field. */
export function describeSchemaError(errors: ErrorObject[]): string {
  const error =
    errors.find(e => e.keyword === 'additionalProperties') ??
    errors.find(e => e.keyword === 'required') ??
    errors[0];
  const field = fieldOf(error);
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string })
      .additionalProperty;
    return `Unknown field ${field}.${extra}: the template does not take it`;
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string })
      .missingProperty;
    return `Missing field ${field}.${missing}`;
  }
  return `Invalid field ${field}: ${error.message ?? 'is not valid'}`;
}

/**
 * Closes every object of a schema: `additionalProperties: false` where it is not given, and a
 * configuration error where it is given as anything else. Returns the schema's copy.
 */
function closeObjects(schema: unknown, at: string): unknown {
  if (Array.isArray(schema)) {
    return schema.map((s, i) => closeObjects(s, `${at}[${i}]`));
  }
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      copy.properties = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          closeObjects(v, `${at}.properties.${k}`),
        ]),
      );
    } else if (key === 'enum' || key === 'const' || key === 'default') {
      copy[key] = value;
    } else {
      copy[key] = closeObjects(value, `${at}.${key}`);
    }
  }
  const isObject =
    copy.type === 'object' ||
    (Array.isArray(copy.type) && copy.type.includes('object')) ||
    copy.properties !== undefined;
  if (isObject) {
    if (copy.additionalProperties === undefined) {
      copy.additionalProperties = false;
    } else if (copy.additionalProperties !== false) {
      throw new Error(
        `Invalid config ${at}: parameter schemas are closed, additionalProperties must be false (or left out)`,
      );
    }
    if (copy.patternProperties !== undefined) {
      throw new Error(
        `Invalid config ${at}: patternProperties would let unnamed parameters in`,
      );
    }
  }
  return copy;
}

/**
 * The provisioning templates the platform registered, each with the JSON Schema of its
 * parameters, read from `provisioning.templates` (configuration only the platform writes: a run
 * cannot bring its own schema). `POST /runs` refuses a template that is not registered and
 * parameters its schema refuses, before anything is written.
 */
export class TemplateRegistry {
  private constructor(
    private readonly templates: Map<string, RegisteredTemplate>,
  ) {}

  static fromConfig(config: Config): TemplateRegistry {
    const ajv = new Ajv({
      allErrors: true,
      strict: true,
      useDefaults: true,
      coerceTypes: false,
    });
    addFormats(ajv);
    const templates = new Map<string, RegisteredTemplate>();
    const section = config.getOptionalConfig('provisioning.templates');
    for (const name of section?.keys() ?? []) {
      const at = `provisioning.templates.${name}`;
      const entry = section!.getConfig(name);
      const raw = entry.get<JsonObject>('parameters');
      if (!raw || typeof raw !== 'object' || raw.type !== 'object') {
        throw new Error(
          `Invalid config ${at}.parameters: must be a JSON Schema of type object`,
        );
      }
      const schema = closeObjects(raw, `${at}.parameters`) as JsonObject;
      let validate: ValidateFunction;
      try {
        validate = ajv.compile(schema);
      } catch (error) {
        throw new Error(
          `Invalid config ${at}.parameters: ${(error as Error).message}`,
        );
      }
      const properties = (schema.properties ?? {}) as Record<
        string,
        { type?: unknown }
      >;
      // Declared ones, and any parameter whose name says it is a namespace.
      const namespaceParameters = [
        ...new Set([
          ...(entry.getOptionalStringArray('namespaceParameters') ?? []),
          ...Object.keys(properties).filter(p => /namespace$/i.test(p)),
        ]),
      ];
      for (const parameter of namespaceParameters) {
        if (properties[parameter]?.type !== 'string') {
          throw new Error(
            `Invalid config ${at}.namespaceParameters: ${parameter} is not a string parameter of the schema`,
          );
        }
      }
      templates.set(name, {
        name,
        namespaceParameters,
        validate(parameters) {
          const copy = structuredClone(parameters);
          if (!validate(copy)) {
            throw new InputError(describeSchemaError(validate.errors ?? []));
          }
          for (const parameter of namespaceParameters) {
            const value = copy[parameter];
            if (
              value !== undefined &&
              (typeof value !== 'string' ||
                value.length > 63 ||
                !NAMESPACE_NAME.test(value))
            ) {
              throw new InputError(
                `Invalid field parameters.${parameter}: must be a Kubernetes namespace name (lower-case letters, digits and -, at most 63)`,
              );
            }
          }
          return copy;
        },
      });
    }
    return new TemplateRegistry(templates);
  }

  get(name: string): RegisteredTemplate | undefined {
    return this.templates.get(name);
  }

  names(): string[] {
    return [...this.templates.keys()].sort();
  }
}
