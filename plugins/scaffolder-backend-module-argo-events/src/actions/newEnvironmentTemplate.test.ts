/*
 * templates/new-environment/template.yaml uses this action the way deploy/argo-events expects:
 * its step input passes the action's schema, waits, and sends exactly the parameters the Sensor
 * maps into the workflow.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ACTION_ID, createArgoEventsTriggerAction } from './argoEventsTrigger';

const root = path.resolve(__dirname, '../../../..');
const template = parse(
  fs.readFileSync(
    path.join(root, 'templates/new-environment/template.yaml'),
    'utf8',
  ),
);
const sensor = parseAllDocuments(
  fs.readFileSync(path.join(root, 'deploy/argo-events/sensor.yaml'), 'utf8'),
)[0].toJS();

describe('templates/new-environment', () => {
  const step = template.spec.steps.find((s: any) => s.action === ACTION_ID);

  it('runs argo-events:trigger and waits for the workflow', () => {
    expect(step.input).toMatchObject({
      template: 'new-environment',
      wait: true,
    });
    const action = createArgoEventsTriggerAction({ client: {} as any });
    const inputKeys = Object.keys(
      (action.schema?.input as any)?.properties ?? {},
    );
    expect(Object.keys(step.input).filter(k => !inputKeys.includes(k))).toEqual(
      [],
    );
  });

  it('sends the parameters the Sensor reads, and the Sensor routes its template name', () => {
    const read = sensor.spec.triggers[0].template.argoWorkflow.parameters
      .map((p: any) => p.src.dataKey)
      .filter((k: string | undefined) => k?.startsWith('body.parameters.'))
      .map((k: string) => k.slice('body.parameters.'.length));
    expect(Object.keys(step.input.parameters).sort()).toEqual(read.sort());
    expect(sensor.spec.dependencies[0].filters.data[0].value).toContain(
      step.input.template,
    );
  });

  it('asks for an environment name that is a valid namespace name', () => {
    const env = template.spec.parameters
      .flatMap((p: any) => Object.entries(p.properties))
      .find(([k]: any) => k === 'environment')[1];
    const re = new RegExp(env.pattern);
    expect(['payments-staging', 'dev1'].every(n => re.test(n))).toBe(true);
    expect(['Payments', '-x', 'a_b'].some(n => re.test(n))).toBe(false);
    expect(env.maxLength).toBe(63);
  });
});

describe('templates/new-environment and its registration (app-config.yaml provisioning.templates)', () => {
  const registered = parse(
    fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  ).provisioning.templates;
  const step = template.spec.steps.find((s: any) => s.action === ACTION_ID);
  const form = Object.assign(
    {},
    ...template.spec.parameters.map((p: any) => p.properties),
  );

  it('every template that starts runs is registered with a parameter schema', () => {
    const dir = path.join(root, 'templates');
    const posting = fs
      .readdirSync(dir)
      .filter(d => fs.existsSync(path.join(dir, d, 'template.yaml')))
      .flatMap(d =>
        parse(fs.readFileSync(path.join(dir, d, 'template.yaml'), 'utf8'))
          .spec.steps.filter((s: any) => s.action === ACTION_ID)
          .map((s: any) => s.input.template as string),
      );
    expect(posting).toContain('new-environment');
    for (const name of posting) {
      expect([name, registered[name]?.parameters?.type]).toEqual([
        name,
        'object',
      ]);
    }
  });

  it('sends exactly the parameters the schema declares, with the form’s constraints', () => {
    const schema = registered['new-environment'].parameters;
    expect(Object.keys(step.input.parameters).sort()).toEqual(
      Object.keys(schema.properties).sort(),
    );
    expect(schema.additionalProperties).toBeUndefined(); // closed by the backend
    expect(schema.properties.environment).toMatchObject({
      pattern: form.environment.pattern,
      maxLength: form.environment.maxLength,
    });
    expect(schema.properties.baselineServices.items.enum).toEqual(
      form.baselineServices.items.enum,
    );
    expect(registered['new-environment'].namespaceParameters).toEqual([
      'environment',
    ]);
  });
});
