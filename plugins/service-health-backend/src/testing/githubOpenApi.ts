import fs from 'node:fs';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/*
 * Validators for GitHub's REST API responses, from GitHub's own OpenAPI description for
 * api.github.com as the npm package @octokit/openapi ships it (generated/api.github.com.json,
 * OpenAPI 3.0.3). Turned into plain JSON Schema once: `nullable: true` becomes "or null", `allOf`
 * parts are merged, and every object with `properties` is closed (additionalProperties: false)
 * so a fake cannot send a field GitHub does not have. The closing also makes GitHub's
 * `oneOf: [simple-user, empty-object]` mean what it says.
 */

type Schema = Record<string, any>;

const REF = '#/components/schemas/';

function readDescription(): { paths: Schema; components: { schemas: Schema } } {
  const file = require.resolve(
    '@octokit/openapi/generated/api.github.com.json',
  );
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** OpenAPI 3.0 schema → JSON Schema, in place, bottom-up; `resolve` follows a component ref. */
function convert(schema: Schema, resolve: (ref: string) => Schema): Schema {
  if (!schema || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map(s => convert(s, resolve));
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'example' || k === 'examples' || k.startsWith('x-')) continue;
    if (k === 'properties' || k === 'patternProperties') {
      out[k] = Object.fromEntries(
        Object.entries(v as Schema).map(([p, s]) => [p, convert(s, resolve)]),
      );
    } else if (v && typeof v === 'object' && k !== 'enum' && k !== 'required') {
      out[k] = convert(v, resolve);
    } else {
      out[k] = v;
    }
  }
  if (out.$ref) out.$ref = `github${out.$ref}`;
  if (Array.isArray(out.allOf)) {
    // merge the parts' properties so the closed object accepts all of them
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of out.allOf as Schema[]) {
      const target = part.$ref
        ? resolve(String(part.$ref).replace(`github${REF}`, ''))
        : part;
      Object.assign(merged.properties, target.properties ?? {});
      merged.required.push(...(target.required ?? []));
    }
    delete out.allOf;
    Object.assign(out, merged, {
      properties: { ...merged.properties, ...(out.properties ?? {}) },
    });
  }
  if (out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [{ type: 'null' }, out] };
  }
  delete out.nullable;
  return out;
}

/**
 * A validator of the success response of `METHOD /path` (the path as GitHub's description
 * writes it, e.g. `GET /repos/{owner}/{repo}/commits`), or of a component schema by name.
 */
export function loadGithubValidators(): (key: string) => ValidateFunction {
  const description = readDescription();
  const raw = description.components.schemas;
  const converted: Schema = {};
  const resolve = (name: string): Schema => {
    if (!converted[name]) {
      converted[name] = {};
      converted[name] = convert(raw[name], resolve);
    }
    return converted[name];
  };
  for (const name of Object.keys(raw)) resolve(name);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['int64', 'int32', 'uri-template', 'binary', 'repo.nwo'])
    ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'github', components: { schemas: converted } });
  const cache = new Map<string, ValidateFunction>();
  const responseSchema = (key: string): Schema => {
    const [method, path] = key.split(' ');
    const op = description.paths[path]?.[method.toLowerCase()];
    const response = op?.responses?.['200'] ?? op?.responses?.['201'];
    const schema = response?.content?.['application/json']?.schema;
    if (!schema)
      throw new Error(`no success schema for ${key} in GitHub's description`);
    return convert(schema, resolve);
  };
  return key => {
    let v = cache.get(key);
    if (!v) {
      v = /^(GET|POST|PUT|PATCH|DELETE) \//.test(key)
        ? ajv.compile(responseSchema(key))
        : ajv.compile({ $ref: `github${REF}${key}` });
      cache.set(key, v);
    }
    return v;
  };
}

let shared: ((key: string) => ValidateFunction) | undefined;

/**
 * Throws naming the operation and the first schema errors when `body` does not fit GitHub's
 * description of `operation` (validators loaded once per test file).
 */
export function assertGithubShape(operation: string, body: unknown): void {
  shared ??= loadGithubValidators();
  const validate = shared(operation);
  if (!validate(body)) {
    throw new Error(
      `${operation}: ${JSON.stringify(validate.errors?.slice(0, 5))}`,
    );
  }
}
