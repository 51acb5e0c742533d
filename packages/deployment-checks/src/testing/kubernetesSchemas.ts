/*
 * JSON-schema validation of Kubernetes objects against the OpenAPI v3 documents
 * the API server publishes (/openapi/v3/...), and of custom resources against the
 * openAPIV3Schema of their CRD.
 *
 * OpenAPI 3.0 specifics handled here:
 * - `$ref: #/components/schemas/X` is rewritten to point into a per-document
 *   `definitions` map registered with Ajv;
 * - `nullable` is understood by Ajv itself; `x-kubernetes-*` and other vendor
 *   keywords are ignored (`strict: false`);
 * - formats: int32/int64/byte/date-time from ajv-formats, `int-or-string` is
 *   checked by the schema's own oneOf.
 * - Unknown fields: the published schemas do not forbid them, but the API server
 *   rejects them (kubectl's default --validate=strict). Unless
 *   `allowUnknownFields` is set, every object schema with `properties` and without
 *   `additionalProperties` or `x-kubernetes-preserve-unknown-fields` gets
 *   `additionalProperties: false`, so a misspelt field fails validation.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, type SchemaOptions, transformSchema } from './strictSchema';
import { isRecord, readYamlDocuments } from './yamlDocuments';

export interface ValidationResult {
  valid: boolean;
  /** Human-readable errors (instance path + message). */
  errors: string[];
}

export type { SchemaOptions } from './strictSchema';

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(e => {
    const where = e.instancePath || '/';
    let extra = '';
    if (e.keyword === 'additionalProperties') {
      extra = ` (${
        (e.params as { additionalProperty: string }).additionalProperty
      })`;
    } else if (e.keyword === 'enum') {
      extra = ` (${JSON.stringify(
        (e.params as { allowedValues: unknown[] }).allowedValues,
      )})`;
    }
    return `${where} ${e.message}${extra}`;
  });
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** `apps/v1` + `Deployment` -> { group: 'apps', version: 'v1', kind: 'Deployment' }. */
export function gvkOf(object: unknown): GroupVersionKind {
  if (
    !isRecord(object) ||
    typeof object.apiVersion !== 'string' ||
    typeof object.kind !== 'string'
  ) {
    throw new Error('object has no apiVersion/kind');
  }
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/', 2)
    : ['', object.apiVersion];
  return { group, version, kind: object.kind };
}

function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

/**
 * Validator for built-in Kubernetes kinds, built from the OpenAPI v3 documents
 * of one Kubernetes release (one file per group-version).
 */
export class KubernetesSchemaValidator {
  private readonly ajv = createAjv();
  private readonly index = new Map<
    string,
    { docId: string; schemaName: string }
  >();
  private readonly compiled = new Map<string, ValidateFunction>();

  static fromDirectory(
    dir: string,
    options: SchemaOptions = {},
  ): KubernetesSchemaValidator {
    const validator = new KubernetesSchemaValidator();
    for (const file of fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.json'))
      .sort()) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      validator.addOpenApiDocument(path.basename(file, '.json'), doc, options);
    }
    return validator;
  }

  addOpenApiDocument(
    docId: string,
    document: unknown,
    options: SchemaOptions = {},
  ) {
    const schemas =
      isRecord(document) && isRecord(document.components)
        ? document.components.schemas
        : undefined;
    if (!isRecord(schemas)) {
      throw new Error(
        `${docId}: not an OpenAPI 3 document with components.schemas`,
      );
    }
    const definitions = Object.fromEntries(
      Object.entries(schemas).map(([name, s]) => [
        name,
        transformSchema(s, docId, options),
      ]),
    );
    this.ajv.addSchema({ $id: docId, definitions });
    for (const [schemaName, schema] of Object.entries(schemas)) {
      const gvks = isRecord(schema)
        ? schema['x-kubernetes-group-version-kind']
        : undefined;
      // Kinds such as DeleteOptions list every group; only single-GVK schemas are objects.
      if (Array.isArray(gvks) && gvks.length === 1 && isRecord(gvks[0])) {
        const gvk = gvks[0] as unknown as GroupVersionKind;
        this.index.set(gvkKey(gvk), { docId, schemaName });
      }
    }
  }

  hasKind(gvk: GroupVersionKind): boolean {
    return this.index.has(gvkKey(gvk));
  }

  /** Name of the schema (e.g. io.k8s.api.apps.v1.Deployment) for a GVK. */
  schemaNameFor(gvk: GroupVersionKind): string | undefined {
    return this.index.get(gvkKey(gvk))?.schemaName;
  }

  validate(object: unknown): ValidationResult {
    const gvk = gvkOf(object);
    const key = gvkKey(gvk);
    const entry = this.index.get(key);
    if (!entry) {
      return { valid: false, errors: [`no schema for ${key}`] };
    }
    let fn = this.compiled.get(key);
    if (!fn) {
      const ref = `${entry.docId}#/definitions/${entry.schemaName
        .replace(/~/g, '~0')
        .replace(/\//g, '~1')}`;
      fn = this.ajv.compile({ $ref: ref });
      this.compiled.set(key, fn);
    }
    const valid = fn(object) as boolean;
    return { valid, errors: valid ? [] : formatErrors(fn.errors) };
  }
}

/** Validator for the custom resources defined by CustomResourceDefinition files. */
export class CrdSchemaValidator {
  private readonly ajv = createAjv();
  private readonly byGvk = new Map<string, ValidateFunction>();

  static fromFiles(
    files: string[],
    options: SchemaOptions = {},
  ): CrdSchemaValidator {
    const validator = new CrdSchemaValidator();
    for (const file of files) {
      for (const doc of readYamlDocuments(file)) {
        validator.addCrd(doc, options);
      }
    }
    return validator;
  }

  addCrd(crd: unknown, options: SchemaOptions = {}) {
    if (
      !isRecord(crd) ||
      crd.kind !== 'CustomResourceDefinition' ||
      !isRecord(crd.spec)
    ) {
      throw new Error('not a CustomResourceDefinition');
    }
    const spec = crd.spec as {
      group: string;
      names: { kind: string };
      versions: Array<{ name: string; schema?: { openAPIV3Schema?: unknown } }>;
    };
    for (const version of spec.versions) {
      const schema = version.schema?.openAPIV3Schema;
      if (!schema) {
        continue;
      }
      const transformed = transformSchema(schema, '', options) as Record<
        string,
        unknown
      >;
      // apiVersion/kind/metadata are validated by the API server itself; pin
      // apiVersion and kind to this version.
      const props = (transformed.properties ?? {}) as Record<string, unknown>;
      transformed.properties = {
        ...props,
        apiVersion: { type: 'string', const: `${spec.group}/${version.name}` },
        kind: { type: 'string', const: spec.names.kind },
      };
      transformed.required = [
        ...new Set([
          ...((transformed.required as string[]) ?? []),
          'apiVersion',
          'kind',
        ]),
      ];
      this.byGvk.set(
        gvkKey({
          group: spec.group,
          version: version.name,
          kind: spec.names.kind,
        }),
        this.ajv.compile(transformed),
      );
    }
  }

  hasKind(gvk: GroupVersionKind): boolean {
    return this.byGvk.has(gvkKey(gvk));
  }

  validate(object: unknown): ValidationResult {
    const key = gvkKey(gvkOf(object));
    const fn = this.byGvk.get(key);
    if (!fn) {
      return { valid: false, errors: [`no CRD schema for ${key}`] };
    }
    const valid = fn(object) as boolean;
    return { valid, errors: valid ? [] : formatErrors(fn.errors) };
  }
}
