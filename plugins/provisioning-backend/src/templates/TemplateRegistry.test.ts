import { ConfigReader } from '@backstage/config';
import { repoTemplates } from '../testing/startProvisioningBackend';
import { TemplateRegistry } from './TemplateRegistry';

const registry = (templates: object) =>
  TemplateRegistry.fromConfig(
    new ConfigReader({ provisioning: { templates } }),
  );

describe('TemplateRegistry', () => {
  const repo = registry(repoTemplates());
  const newEnvironment = repo.get('new-environment')!;

  it('registers the templates of app-config.yaml', () => {
    expect(repo.names()).toEqual(['new-environment']);
    expect(newEnvironment.namespaceParameters).toEqual(['environment']);
    expect(repo.get('delete-cluster')).toBeUndefined();
  });

  it('fills in defaults and does not change the input', () => {
    const input = { environment: 'dev' };
    expect(newEnvironment.validate(input)).toEqual({
      environment: 'dev',
      baselineServices: ['monitoring'],
    });
    expect(input).toEqual({ environment: 'dev' });
  });

  it.each([
    [{ environment: 'dev', extra: 1 }, /^Unknown field parameters\.extra/],
    [{}, /^Missing field parameters\.environment$/],
    [
      { environment: 'a b' },
      /^Invalid field parameters\.environment: must match/,
    ],
    [
      { environment: 'a'.repeat(64) },
      /^Invalid field parameters\.environment: must NOT have more than 63/,
    ],
    [
      { environment: 7 },
      /^Invalid field parameters\.environment: must be string/,
    ],
    [
      { environment: 'dev', baselineServices: ['redis', 'redis'] },
      /^Invalid field parameters\.baselineServices: must NOT have duplicate items/,
    ],
  ])('refuses %j naming the field', (parameters, message) => {
    expect(() => newEnvironment.validate(parameters as any)).toThrow(message);
  });

  it('closes every object of a schema, nested ones too', () => {
    const t = registry({
      nested: {
        parameters: {
          type: 'object',
          properties: {
            db: { type: 'object', properties: { size: { type: 'string' } } },
          },
        },
      },
    }).get('nested')!;
    expect(() => t.validate({ db: { size: 's', owner: 'x' } })).toThrow(
      /^Unknown field parameters\.db\.owner/,
    );
  });

  it('treats parameters named like a namespace as namespaces, and checks their form', () => {
    const t = registry({
      deploy: {
        parameters: {
          type: 'object',
          properties: { targetNamespace: { type: 'string' } },
        },
      },
    }).get('deploy')!;
    expect(t.namespaceParameters).toEqual(['targetNamespace']);
    expect(() => t.validate({ targetNamespace: 'Not_A_Namespace' })).toThrow(
      /^Invalid field parameters\.targetNamespace: must be a Kubernetes namespace name/,
    );
  });

  it.each([
    [{ parameters: { type: 'array' } }, /must be a JSON Schema of type object/],
    [
      { parameters: { type: 'object', additionalProperties: true } },
      /additionalProperties must be false/,
    ],
    [
      { parameters: { type: 'object', patternProperties: { '.*': {} } } },
      /patternProperties/,
    ],
    [
      { parameters: { type: 'object', properties: { a: { type: 'strin' } } } },
      /provisioning\.templates\.t\.parameters: schema is invalid/,
    ],
    [
      { parameters: { type: 'object', properties: { a: { typo: 1 } } } },
      /strict mode: unknown keyword: "typo"/,
    ],
    [
      {
        parameters: { type: 'object', properties: { a: { type: 'number' } } },
        namespaceParameters: ['a'],
      },
      /namespaceParameters: a is not a string parameter/,
    ],
  ])('refuses a bad registration at startup: %j', (entry, message) => {
    expect(() => registry({ t: entry })).toThrow(message);
  });
});
