/*
 * The schema rewriting shared by the Kubernetes/CRD validators and the Argo JSON Schema ones:
 * `$ref: #/components/schemas/X` into a `definitions` map, and, strict like kubectl-validate,
 * `additionalProperties: false` on every object schema with `properties` (unless the schema
 * keeps unknown fields or `allowUnknownFields` is set). Plus the Ajv instance they use.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { isRecord } from './yamlDocuments';

export interface SchemaOptions {
  /** Do not add `additionalProperties: false`. */
  allowUnknownFields?: boolean;
}

type Json = unknown;

const LITERAL_KEYWORDS = new Set([
  'example',
  'examples',
  'default',
  'enum',
  'const',
  'required',
]);

export function transformSchema(
  schema: Json,
  refPrefix: string,
  options: SchemaOptions,
): Json {
  if (Array.isArray(schema)) {
    return schema.map(s => transformSchema(s, refPrefix, options));
  }
  if (!isRecord(schema)) {
    return schema;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(
        /^#\/components\/schemas\//,
        `${refPrefix}#/definitions/`,
      );
    } else if (key === 'properties' && isRecord(value)) {
      // Property names are not schemas: transform each property's schema only.
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [
          name,
          transformSchema(s, refPrefix, options),
        ]),
      );
    } else if (LITERAL_KEYWORDS.has(key)) {
      // Values, not schemas.
      out[key] = value;
    } else {
      out[key] = transformSchema(value, refPrefix, options);
    }
  }
  if (
    !options.allowUnknownFields &&
    isRecord(out.properties) &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

export function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    // OpenAPI 3.0 has `nullable`; Ajv implements it.
    validateSchema: false,
  });
  addFormats(ajv);
  ajv.addFormat('int-or-string', true);
  return ajv;
}
