/*
 * deploy/argo-events/: the Argo Events side of provisioning runs. Every object validates against
 * its upstream schema (Argo Events and Argo Workflows JSON Schemas, ESO CRD, Kubernetes 1.35
 * OpenAPI), strictly; and the pieces fit: the EventSource's auth secret comes from the
 * ExternalSecret (no Secret in the repo), the Sensor listens to that EventSource and submits a
 * Workflow (itself valid) from the WorkflowTemplate with every parameter it needs, the
 * workflow reports back with curl to the callback URL using the run's token (from a Secret), and
 * the portal's config reaches the EventSource's service. And the security rules: no parameter in
 * shell or YAML text, no token in steps that do not call the API, and the workflow's RBAC limited
 * to Portico's namespaces by admission policies, evaluated here on sample requests.
 */
import { run as runCel } from '@bufbuild/cel';
import path from 'node:path';
import {
  CrdSchemaValidator,
  KubernetesSchemaValidator,
  readYaml,
  readYamlDocuments,
  repoPath,
  specsDir,
} from './testing/checks';
import { ArgoJsonSchema } from './testing/argoJsonSchema';

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
    // Kubernetes 1.35, admissionregistration.k8s.io/v1 (ValidatingAdmissionPolicy) included.
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

  it('reports every step back with curl to the callback URL and the run token from its Secret', () => {
    const template = one('WorkflowTemplate');
    const report = template.spec.templates.find(
      (t: any) => t.name === 'report',
    );
    const script = report.script.source;
    expect(report.script.image).toMatch(/k8s/);
    expect(script).toContain('-X POST "$CALLBACK_URL"');
    // The token goes to curl in a header file, not on its command line.
    expect(script).toContain(
      'printf \'Authorization: Bearer %s\\n\' "$CALLBACK_TOKEN" >/tmp/auth-header',
    );
    expect(script).toContain('-H @/tmp/auth-header');
    const env = Object.fromEntries(
      report.script.env.map((e: any) => [e.name, e.value ?? e.valueFrom]),
    );
    expect(env.CALLBACK_URL).toBe('{{workflow.parameters.callback-url}}');
    expect(env.CALLBACK_TOKEN).toEqual({
      secretKeyRef: {
        name: 'portico-run-{{workflow.parameters.run-id}}',
        key: 'token',
      },
    });
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

  it('never carries the callback token in the event or a Workflow parameter', () => {
    const template = one('WorkflowTemplate');
    const sensor = one('Sensor');
    const trigger = sensor.spec.triggers[0].template.argoWorkflow;
    const names = [
      ...template.spec.arguments.parameters.map((p: any) => p.name),
      ...trigger.source.resource.spec.arguments.parameters.map(
        (p: any) => p.name,
      ),
    ];
    expect(names.filter((n: string) => /token|secret/i.test(n))).toEqual([]);
    expect(JSON.stringify(trigger.parameters)).not.toMatch(/[Tt]oken/);
  });
});

/** Every container-like template of the WorkflowTemplate, with its shell text. */
function scriptTemplates(template: Obj) {
  return (template.spec.templates as any[])
    .filter(t => t.script || t.container || t.resource)
    .map(t => ({
      name: t.name as string,
      template: t,
      texts: [
        t.script?.source,
        ...(t.script?.command ?? []),
        ...(t.script?.args ?? []),
        ...(t.container?.command ?? []),
        ...(t.container?.args ?? []),
        t.resource?.manifest,
      ].filter((x): x is string => typeof x === 'string'),
    }));
}

describe('deploy/argo-events: no parameter in shell or YAML text, no needless token', () => {
  const template = one('WorkflowTemplate');
  const steps = scriptTemplates(template);

  it('puts no parameter (nor any other template expression) into shell or manifest text', () => {
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const step of steps) {
      for (const text of step.texts) {
        expect([step.name, text.match(/\{\{[^}]*\}\}/g) ?? []]).toEqual([
          step.name,
          [],
        ]);
      }
    }
    // Parameters reach the scripts as environment variables only.
    const envValues = steps.flatMap(s =>
      (s.template.script?.env ?? s.template.container?.env ?? []).map(
        (e: any) => e.value ?? '',
      ),
    );
    expect(envValues.join(' ')).toContain(
      '{{workflow.parameters.environment}}',
    );
  });

  it('applies no templated manifest: namespaces and RoleBindings are created by kubectl create, JSON by jq', () => {
    expect(template.spec.templates.filter((t: any) => t.resource)).toEqual([]);
    const byName = Object.fromEntries(
      steps.map(s => [s.name, s.texts.join('\n')]),
    );
    expect(byName['create-namespace']).toContain(
      'kubectl create namespace "$NAMESPACE" --dry-run=client -o json',
    );
    expect(byName['create-namespace']).toContain('jq --arg team "$TEAM"');
    expect(byName['create-rolebinding']).toContain(
      'kubectl create rolebinding team-edit --namespace "$NAMESPACE" --clusterrole edit --group "$TEAM"',
    );
    expect(byName.report).toContain('jq -n');
    expect(byName.report).not.toMatch(/--data '\{|--data "\{/);
    // Nothing applies or patches: the workflow only creates.
    for (const text of Object.values(byName)) {
      expect(text).not.toMatch(
        /kubectl (apply|patch|replace|edit|label|annotate)\b/,
      );
    }
  });

  it('mounts a service account token only into the steps that call the Kubernetes API', () => {
    const needsApi = ['create-namespace', 'create-rolebinding'];
    expect(template.spec.automountServiceAccountToken).toBe(false);
    // Required by Argo when the token is not mounted: the executor's own account.
    expect(template.spec.executor.serviceAccountName).toBe(
      'provisioning-executor',
    );
    expect(
      steps.map(step => ({
        name: step.name,
        // Set on the step itself, not only inherited from the spec.
        automountServiceAccountToken:
          step.template.automountServiceAccountToken,
        serviceAccountName: step.template.serviceAccountName,
      })),
    ).toEqual(
      steps.map(step =>
        needsApi.includes(step.name)
          ? {
              name: step.name,
              automountServiceAccountToken: true,
              serviceAccountName: 'provisioning-workflow',
            }
          : {
              name: step.name,
              automountServiceAccountToken: false,
              serviceAccountName: undefined,
            },
      ),
    );
    const accounts = objects.filter(o => o.kind === 'ServiceAccount');
    for (const name of ['provisioning-executor', 'provisioning-workflow']) {
      expect(accounts.find(a => a.metadata.name === name)).toMatchObject({
        automountServiceAccountToken: false,
      });
    }
  });
});

/** The rules bound to `namespace/name` by the RoleBindings and ClusterRoleBindings here. */
function rulesOf(namespace: string, name: string) {
  const bindings = objects.filter(
    o =>
      (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') &&
      o.subjects.some(
        (s: any) =>
          s.kind === 'ServiceAccount' &&
          s.name === name &&
          s.namespace === namespace,
      ),
  );
  return bindings.flatMap(b => {
    const role = objects.find(
      o => o.kind === b.roleRef.kind && o.metadata.name === b.roleRef.name,
    );
    expect([b.metadata.name, role?.kind]).toEqual([
      b.metadata.name,
      b.roleRef.kind,
    ]);
    return (role!.rules as any[]).map(rule => ({
      scope:
        b.kind === 'ClusterRoleBinding' ? '(cluster)' : b.metadata.namespace,
      ...rule,
    }));
  });
}

/** A CEL value as plain JSON → the evaluator's maps and lists. */
function celValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(celValue);
  if (v && typeof v === 'object') {
    return new Map(Object.entries(v).map(([k, x]) => [k, celValue(x)]));
  }
  return v;
}

interface AdmissionRequest {
  username: string;
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  kind: string;
  resource: string;
  group?: string;
  object?: object;
  oldObject?: object;
  namespaceObject?: object;
}

/**
 * What the API server decides for `request` under the policies and bindings here: the denying
 * policy's message, or undefined when allowed. Follows the ValidatingAdmissionPolicy rules:
 * resource rules and namespaceSelector, then matchConditions, variables, validations (an error
 * counts as a denial with failurePolicy Fail).
 */
function admission(request: AdmissionRequest): string | undefined {
  const bound = new Set(
    objects
      .filter(
        o =>
          o.kind === 'ValidatingAdmissionPolicyBinding' &&
          o.spec.validationActions.includes('Deny'),
      )
      .map(o => o.spec.policyName),
  );
  for (const policy of objects.filter(
    o => o.kind === 'ValidatingAdmissionPolicy' && bound.has(o.metadata.name),
  )) {
    const { spec } = policy;
    expect(spec.failurePolicy).toBe('Fail');
    const inScope = spec.matchConstraints.resourceRules.some(
      (r: any) =>
        r.apiGroups.includes(request.group ?? '') &&
        r.resources.includes(request.resource) &&
        r.operations.includes(request.operation),
    );
    const selector = spec.matchConstraints.namespaceSelector?.matchLabels ?? {};
    const nsLabels = (request.namespaceObject as any)?.metadata?.labels ?? {};
    if (
      !inScope ||
      !Object.entries(selector).every(([k, v]) => nsLabels[k] === v)
    ) {
      continue;
    }
    const vars: Record<string, unknown> = {
      request: celValue({
        operation: request.operation,
        kind: { kind: request.kind },
        userInfo: { username: request.username },
      }),
      object: celValue(request.object ?? null),
      oldObject: celValue(request.oldObject ?? null),
      namespaceObject: celValue(request.namespaceObject ?? null),
    };
    const matched = (spec.matchConditions ?? []).every(
      (c: any) => runCel(c.expression, vars as any) === true,
    );
    if (!matched) continue;
    const variables = new Map<string, unknown>();
    for (const v of spec.variables ?? []) {
      variables.set(
        v.name,
        runCel(v.expression, { ...vars, variables } as any),
      );
    }
    for (const validation of spec.validations) {
      if (
        runCel(validation.expression, { ...vars, variables } as any) !== true
      ) {
        return validation.message;
      }
    }
  }
  return undefined;
}

describe("deploy/argo-events: the workflow's rights cover only Portico's namespaces", () => {
  const WORKFLOW = 'system:serviceaccount:argo:provisioning-workflow';
  const PORTAL = 'system:serviceaccount:portico:portico';
  const teamNamespace = (name: string, team?: string) => ({
    metadata: {
      name,
      labels: team
        ? {
            'portico.io/team': team,
            'app.kubernetes.io/managed-by': 'portico-provisioning',
          }
        : { 'kubernetes.io/metadata.name': name },
    },
  });
  const namespaceRequest = (object: object, operation: any = 'CREATE') => ({
    username: WORKFLOW,
    operation,
    kind: 'Namespace',
    resource: 'namespaces',
    object,
    oldObject: operation === 'CREATE' ? undefined : object,
  });
  const rolebinding = (
    namespace: object,
    subjects: object[],
    role = 'edit',
  ) => ({
    username: WORKFLOW,
    operation: 'CREATE' as const,
    kind: 'RoleBinding',
    resource: 'rolebindings',
    group: 'rbac.authorization.k8s.io',
    namespaceObject: namespace,
    object: {
      metadata: { name: 'team-edit' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: role,
      },
      subjects,
    },
  });
  const group = (name: string) => ({
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'Group',
    name,
  });

  it('grants the workflow only get/create on namespaces and RoleBindings, bind only on edit, no wildcards', () => {
    const rules = rulesOf('argo', 'provisioning-workflow');
    for (const rule of rules) {
      expect(JSON.stringify(rule)).not.toContain('"*"');
    }
    const verbs = (resource: string) =>
      rules
        .filter(r => r.resources.includes(resource))
        .flatMap(r => r.verbs)
        .sort();
    expect(verbs('namespaces')).toEqual(['create', 'get']);
    expect(verbs('rolebindings')).toEqual(['create', 'get']);
    expect(rules.filter(r => r.verbs.includes('bind'))).toEqual([
      expect.objectContaining({
        resources: ['clusterroles'],
        resourceNames: ['edit'],
      }),
    ]);
    expect(verbs('secrets')).toEqual([]);
    expect(rulesOf('argo', 'provisioning-executor')).toEqual([
      {
        scope: 'argo',
        apiGroups: ['argoproj.io'],
        resources: ['workflowtaskresults'],
        verbs: ['create', 'patch'],
      },
    ]);
  });

  it('admits the namespace and RoleBinding of a new environment', () => {
    expect(
      admission(
        namespaceRequest(teamNamespace('payments-dev', 'payments-team')),
      ),
    ).toBeUndefined();
    expect(
      admission(
        rolebinding(teamNamespace('payments-dev', 'payments-team'), [
          group('payments-team'),
        ]),
      ),
    ).toBeUndefined();
  });

  it.each([
    [
      'an unlabelled namespace',
      teamNamespace('payments-dev'),
      /must carry the team label/,
    ],
    [
      'a reserved name',
      teamNamespace('kube-system', 'payments-team'),
      /reserved for the platform/,
    ],
    [
      'the platform’s namespace',
      teamNamespace('argocd', 'payments-team'),
      /reserved/,
    ],
    [
      'a portico-* name',
      teamNamespace('portico-runs', 'payments-team'),
      /reserved/,
    ],
    ['default', teamNamespace('default', 'payments-team'), /reserved/],
  ])('refuses the workflow creating %s', (_what, ns, message) => {
    expect(admission(namespaceRequest(ns))).toMatch(message);
  });

  it('refuses the workflow updating or deleting a namespace (relabelling kube-system, say)', () => {
    expect(
      admission(
        namespaceRequest(
          teamNamespace('kube-system', 'payments-team'),
          'UPDATE',
        ),
      ),
    ).toMatch(/only creates/);
    expect(
      admission(
        namespaceRequest(
          teamNamespace('payments-dev', 'payments-team'),
          'DELETE',
        ),
      ),
    ).toMatch(/only creates/);
  });

  it.each([
    [
      'in kube-system (no team label)',
      teamNamespace('kube-system'),
      [group('payments-team')],
      'edit',
    ],
    [
      'granting admin',
      teamNamespace('payments-dev', 'payments-team'),
      [group('payments-team')],
      'admin',
    ],
    [
      'to another team',
      teamNamespace('storefront', 'storefront-team'),
      [group('payments-team')],
      'edit',
    ],
    [
      'to the team and someone else',
      teamNamespace('payments-dev', 'payments-team'),
      [
        group('payments-team'),
        { kind: 'ServiceAccount', name: 'default', namespace: 'argo' },
      ],
      'edit',
    ],
    [
      'to nobody (empty)',
      teamNamespace('payments-dev', 'payments-team'),
      [],
      'edit',
    ],
  ])('refuses the workflow a RoleBinding %s', (_what, ns, subjects, role) => {
    expect(admission(rolebinding(ns, subjects, role))).toMatch(
      /grants only edit, only to the team/,
    );
  });

  it('does not touch anyone else’s requests', () => {
    expect(
      admission({
        ...namespaceRequest(teamNamespace('kube-foo')),
        username: 'system:admin',
      }),
    ).toBeUndefined();
  });

  it('lets the portal write only the callback token Secrets in argo, and never read one', () => {
    const rules = rulesOf('portico', 'portico');
    expect(rules).toEqual([
      {
        scope: 'argo',
        apiGroups: [''],
        resources: ['secrets'],
        verbs: ['create', 'update', 'delete'],
      },
    ]);
    const argo = teamNamespace('argo');
    const secret = (name: string, component = 'callback-token') => ({
      metadata: {
        name,
        labels: {
          'app.kubernetes.io/managed-by': 'portico-provisioning',
          'app.kubernetes.io/component': component,
        },
      },
    });
    const write = (operation: any, s: object) => ({
      username: PORTAL,
      operation,
      kind: 'Secret',
      resource: 'secrets',
      namespaceObject: argo,
      object: operation === 'DELETE' ? undefined : s,
      oldObject: operation === 'CREATE' ? undefined : s,
    });
    const token = secret('portico-run-0b0e7d7e-1f0a-4b7e-9a55-2d7b9a1c0d11');
    for (const op of ['CREATE', 'UPDATE', 'DELETE']) {
      expect([op, admission(write(op, token))]).toEqual([op, undefined]);
    }
    for (const op of ['CREATE', 'UPDATE', 'DELETE']) {
      expect(admission(write(op, secret('argo-server-sso')))).toMatch(
        /only the callback token Secrets/,
      );
      expect(admission(write(op, secret('portico-run-x', 'other')))).toMatch(
        /only the callback token Secrets/,
      );
    }
  });

  it('names the token Secret as the portal and the report step do', () => {
    const report = one('WorkflowTemplate').spec.templates.find(
      (t: any) => t.name === 'report',
    );
    const ref = report.script.env.find((e: any) => e.name === 'CALLBACK_TOKEN')
      .valueFrom.secretKeyRef;
    const policy = objects.find(
      o =>
        o.metadata.name === 'portico-callback-token-secrets' &&
        o.kind === 'ValidatingAdmissionPolicy',
    )!;
    const prefix = ref.name.replace('{{workflow.parameters.run-id}}', '');
    expect(prefix).toBe('portico-run-');
    expect(JSON.stringify(policy.spec.validations)).toContain(`'${prefix}'`);
    expect(one('WorkflowTemplate').metadata.namespace).toBe('argo');
  });
});
