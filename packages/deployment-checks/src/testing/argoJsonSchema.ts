/*
 * Validators for the Argo Events and Argo Workflows JSON Schemas (specs/argo-events,
 * argo-workflows: `definitions` with `$ref`s), strict like kubectl-validate: a field the schema
 * does not define is an error.
 */
import fs from 'node:fs';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { createAjv, transformSchema } from './strictSchema';

/** Validates objects against `definitions/<name>` of one of these JSON Schema files. */
export class ArgoJsonSchema {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly id: string;

  constructor(file: string) {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    this.id = String(schema.$id ?? file);
    this.ajv = createAjv();
    this.ajv.addFormat('int64-or-string', true);
    this.ajv.addSchema({
      $id: this.id,
      // refs here are #/definitions/X already: only the strictness applies
      definitions: transformSchema(schema.definitions, '', {}),
    });
  }

  hasDefinition(name: string): boolean {
    try {
      return Boolean(this.ajv.getSchema(`${this.id}#/definitions/${name}`));
    } catch {
      return false;
    }
  }

  /** Errors of `object` against `definitions/<name>` (instance path + message); empty when valid. */
  errors(name: string, object: unknown): string[] {
    let validate = this.validators.get(name);
    if (!validate) {
      validate = this.ajv.getSchema(`${this.id}#/definitions/${name}`);
      if (!validate) throw new Error(`No definition ${name} in ${this.id}`);
      this.validators.set(name, validate);
    }
    if (validate(object)) return [];
    return (validate.errors ?? []).map(e => {
      const extra =
        e.keyword === 'additionalProperties'
          ? ` (${
              (e.params as { additionalProperty: string }).additionalProperty
            })`
          : '';
      return `${e.instancePath || '/'} ${e.message}${extra}`;
    });
  }
}
