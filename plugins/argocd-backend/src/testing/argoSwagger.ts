import { readSpecJson } from '@internal/plugin-portico-node/testUtils';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/*
 * Validators for Argo CD's swagger definitions (the repository's specs/argocd/swagger.json).
 * Objects are closed (additionalProperties: false) so a fake cannot invent fields the real API
 * does not have; `allOf` refs are merged so closing stays correct.
 */

/**
 * A validator per swagger definition name (`v1alpha1Application`), or per operation's 200
 * response (`GET /api/v1/stream/applications`: the stream's result line).
 */
export function loadArgoValidators(): (definition: string) => ValidateFunction {
  const swagger = readSpecJson<{
    definitions: Record<string, any>;
    paths: Record<string, Record<string, any>>;
  }>('argocd', 'swagger.json');
  const defs: Record<string, any> = swagger.definitions;
  const resolve = (ref: string) => defs[ref.replace('#/definitions/', '')];
  for (const def of Object.values(defs)) {
    if (Array.isArray(def.allOf)) {
      def.type = 'object';
      def.properties = { ...(def.properties ?? {}) };
      for (const part of def.allOf) {
        const target = part.$ref ? resolve(part.$ref) : part;
        Object.assign(def.properties, target.properties ?? {});
      }
      delete def.allOf;
    }
  }
  for (const def of Object.values(defs)) {
    if (def.properties && def.additionalProperties === undefined)
      def.additionalProperties = false;
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['int64', 'int32', 'byte', 'uint64', 'double', 'float'])
    ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'argocd', definitions: defs });
  const cache = new Map<string, ValidateFunction>();
  /** The 200 schema of `METHOD /path` (inline ones, such as a stream's result), closed. */
  const responseSchema = (key: string) => {
    const [method, path] = key.split(' ');
    const schema =
      swagger.paths[path]?.[method.toLowerCase()]?.responses?.['200']?.schema;
    if (!schema) throw new Error(`no 200 schema for ${key} in the swagger`);
    const closed = JSON.parse(
      JSON.stringify(schema).replace(
        /"#\/definitions\//g,
        '"argocd#/definitions/',
      ),
    );
    if (closed.properties && closed.additionalProperties === undefined)
      closed.additionalProperties = false;
    return closed;
  };
  return definition => {
    let v = cache.get(definition);
    if (!v) {
      if (/^(GET|POST|PUT|DELETE) \//.test(definition)) {
        v = ajv.compile(responseSchema(definition));
      } else {
        if (!defs[definition])
          throw new Error(`no definition ${definition} in the swagger`);
        v = ajv.compile({ $ref: `argocd#/definitions/${definition}` });
      }
      cache.set(definition, v);
    }
    return v;
  };
}
