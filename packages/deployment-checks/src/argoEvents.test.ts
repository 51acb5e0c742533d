/*
 * deploy/argo-events/: the Argo Events side of provisioning runs. Every object validates against
 * its upstream schema (Argo Events and Argo Workflows JSON Schemas, ESO CRD, Kubernetes 1.35
 * OpenAPI), strictly; and the pieces fit: the EventSource's auth secret comes from the
 * ExternalSecret (no Secret in the repo), the Sensor listens to that EventSource and submits a
 * Workflow (itself valid) from the WorkflowTemplate with every parameter it needs, the
 * workflow reports back with curl to the callback URL using the run's token, and the portal's
 * config reaches the EventSource's service.
 */
import path from 'node:path';
import {
  CrdSchemaValidator,
  KubernetesSchemaValidator,
  readYaml,
  readYamlDocuments,
  repoPath,
  specsDir,
} from './__testUtils__';
import { ArgoJsonSchema } from './__testUtils__/argoJsonSchema';

jest.setTimeout(120_000);

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [k: string]: any;
};

const dir = repoPath('deploy/argo-events');
const kustomization = readYaml<any>(path.join(dir, 'kustomization.yaml'));
const objects: Obj[] = (kustomization.resources as string[]).flatMap(f =>
  readYamlDocuments<Obj>(path.join(dir, f)),
);
const one = (kind: string) => {
  const list = objects.filter(o => o.kind === kind);
  expect(list).toHaveLength(1);
  return list[0];
};

describe('deploy/argo-events against the upstream schemas', () => {
  let events: ArgoJsonSchema;
  let workflows: ArgoJsonSchema;

  beforeAll(() => {
    events = new ArgoJsonSchema(path.join(specsDir, 'argo-events/schema.json'));
    workflows = new ArgoJsonSchema(
      path.join(specsDir, 'argo-workflows/schema.json'),
    );
  });

  it('validates the EventSource and the Sensor against the Argo Events schema', () => {
    for (const kind of ['EventSource', 'Sensor']) {
      expect([
        kind,
        events.errors(`io.argoproj.events.v1alpha1.${kind}`, one(kind)),
      ]).toEqual([kind, []]);
    }
  });

  it('validates the WorkflowTemplate, and the Workflow the Sensor submits, against the Argo Workflows schema', () => {
    expect(
      workflows.errors(
        'io.argoproj.workflow.v1alpha1.WorkflowTemplate',
        one('WorkflowTemplate'),
      ),
    ).toEqual([]);
    const workflow =
      one('Sensor').spec.triggers[0].template.argoWorkflow.source.resource;
    expect(
      workflows.errors('io.argoproj.workflow.v1alpha1.Workflow', workflow),
    ).toEqual([]);
  });

  it('would catch a misspelt field (the validation is strict)', () => {
    const eventSource = structuredClone(one('EventSource'));
    eventSource.spec.webhook.provisioning.authSecrett =
      eventSource.spec.webhook.provisioning.authSecret;
    expect(
      events.errors('io.argoproj.events.v1alpha1.EventSource', eventSource),
    ).toEqual([
      '/spec/webhook/provisioning must NOT have additional properties (authSecrett)',
    ]);
    const template = structuredClone(one('WorkflowTemplate'));
    template.spec.entrypiont = 'main';
    expect(
      workflows.errors(
        'io.argoproj.workflow.v1alpha1.WorkflowTemplate',
        template,
      ),
    ).toEqual(['/spec must NOT have additional properties (entrypiont)']);
  });

  it('validates the ExternalSecret against the ESO CRD and the RBAC against Kubernetes 1.35', () => {
    const crds = CrdSchemaValidator.fromFiles([
      path.join(
        specsDir,
        'external-secrets/external-secrets.io_externalsecrets.yaml',
      ),
    ]);
    expect(crds.validate(one('ExternalSecret')).errors).toEqual([]);
    const kubernetes = KubernetesSchemaValidator.fromDirectory(
      path.join(specsDir, 'kubernetes'),
    );
    for (const object of objects.filter(
      o =>
        !o.apiVersion.startsWith('argoproj.io') && o.kind !== 'ExternalSecret',
    )) {
      expect([
        object.kind,
        object.metadata.name,
        kubernetes.validate(object).errors,
      ]).toEqual([object.kind, object.metadata.name, []]);
    }
  });
});

describe('deploy/argo-events fits together', () => {
  it('takes the EventSource auth secret from the ExternalSecret; no Secret in the repository', () => {
    expect(objects.filter(o => o.kind === 'Secret')).toEqual([]);
    const auth = one('EventSource').spec.webhook.provisioning.authSecret;
    const external = one('ExternalSecret');
    expect(external.spec.target.name).toBe(auth.name);
    expect(external.metadata.namespace).toBe(
      one('EventSource').metadata.namespace,
    );
    expect(external.spec.data.map((d: any) => d.secretKey)).toContain(auth.key);
  });

  it('feeds the portal the same webhook token as the EventSource', () => {
    const portal = readYamlDocuments<any>(
      repoPath('deploy/externalsecret.yaml'),
    )[0];
    const entry = portal.spec.data.find(
      (d: any) => d.secretKey === 'PROVISIONING_WEBHOOK_TOKEN',
    );
    expect(entry.remoteRef).toEqual(
      one('ExternalSecret').spec.data[0].remoteRef,
    );
  });

  it("points the portal's webhook URL at the EventSource service and endpoint", () => {
    const eventSource = one('EventSource');
    const hook = eventSource.spec.webhook.provisioning;
    const config = readYamlDocuments<any>(repoPath('deploy/configmap.yaml'))[0]
      .data;
    const url = new URL(config.PROVISIONING_WEBHOOK_URL);
    expect(url.hostname).toBe(
      `${eventSource.metadata.name}-eventsource-svc.${eventSource.metadata.namespace}.svc`,
    );
    expect(url.port).toBe(hook.port);
    expect(url.pathname).toBe(hook.endpoint);
    expect(hook.method).toBe('POST');
    expect(eventSource.spec.service.ports[0].port).toBe(Number(hook.port));
  });

  it('listens to that EventSource and submits a Workflow named after the run from the WorkflowTemplate', () => {
    const sensor = one('Sensor');
    const [dependency] = sensor.spec.dependencies;
    expect(dependency).toMatchObject({
      eventSourceName: one('EventSource').metadata.name,
      eventName: 'provisioning',
    });
    expect(Object.keys(one('EventSource').spec.webhook)).toContain(
      dependency.eventName,
    );
    const trigger = sensor.spec.triggers[0].template.argoWorkflow;
    const workflow = trigger.source.resource;
    const template = one('WorkflowTemplate');
    expect(workflow.spec.workflowTemplateRef.name).toBe(template.metadata.name);
    expect(workflow.metadata.namespace).toBe(template.metadata.namespace);
    // Named after the run: a redelivery cannot start a second workflow.
    expect(trigger.parameters).toContainEqual({
      src: {
        dependencyName: 'run',
        dataTemplate: 'provision-{{ .Input.body.runId }}',
      },
      dest: 'metadata.name',
    });
    // Every template parameter without a default is given, each from a payload field.
    const given = workflow.spec.arguments.parameters.map((p: any) => p.name);
    const required = template.spec.arguments.parameters
      .filter((p: any) => p.value === undefined)
      .map((p: any) => p.name);
    expect(required.filter((n: string) => !given.includes(n))).toEqual([]);
    const fed = trigger.parameters.map((p: any) => p.dest);
    given.forEach((_n: string, i: number) =>
      expect(fed).toContain(`spec.arguments.parameters.${i}.value`),
    );
  });

  it('reports every step back with curl to the callback URL and the run token', () => {
    const template = one('WorkflowTemplate');
    const report = template.spec.templates.find(
      (t: any) => t.name === 'report',
    );
    const script = report.container.args[0];
    expect(report.container.image).toMatch(/curl/);
    expect(script).toContain('-H "Authorization: Bearer $CALLBACK_TOKEN"');
    expect(script).toContain('-X POST "$CALLBACK_URL"');
    expect(report.container.env).toEqual([
      { name: 'CALLBACK_URL', value: '{{workflow.parameters.callback-url}}' },
      {
        name: 'CALLBACK_TOKEN',
        value: '{{workflow.parameters.callback-token}}',
      },
    ]);
    const main = template.spec.templates.find((t: any) => t.name === 'main');
    const reports = main.steps
      .flat()
      .filter((s: any) => s.template === 'report');
    const statuses = reports.map((s: any) => {
      const p = Object.fromEntries(
        s.arguments.parameters.map((x: any) => [x.name, x.value]),
      );
      return `${p.step}:${p.status}${p.final === 'true' ? ':final' : ''}`;
    });
    expect(statuses).toEqual([
      'namespace:running',
      'namespace:succeeded',
      'rbac:running',
      'rbac:succeeded',
      'baseline:running',
      'baseline:succeeded:final',
    ]);
    expect(template.spec.onExit).toBe('exit-handler');
  });
});
