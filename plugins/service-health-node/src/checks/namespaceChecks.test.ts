import { parseServiceObjects } from '../objects/parse';
import { compliantServiceObjects } from '../testing/serviceObjects';
import { disruptionBudgetCheck } from './disruptionBudget';
import { networkPolicyCheck } from './networkPolicy';
import { secretsCheck } from './secrets';

type Objects = ReturnType<typeof compliantServiceObjects>;

function objectsWith(change: (o: Objects) => void) {
  const objects = compliantServiceObjects();
  change(objects);
  return parseServiceObjects(objects);
}

const compliant = () => parseServiceObjects(compliantServiceObjects());

describe('network policy check', () => {
  it('passes with a default deny, fails naming the workload when no policy selects its pods', () => {
    expect(networkPolicyCheck.evaluate(compliant()).result).toBe('pass');
    const objects = objectsWith(o => {
      o.networkPolicies = [
        {
          metadata: { name: 'other-app', namespace: 'payments' },
          spec: { podSelector: { matchLabels: { app: 'other' } } },
        },
        // Selects the pods, but in another namespace.
        {
          metadata: { name: 'default-deny-all', namespace: 'elsewhere' },
          spec: { podSelector: {} },
        },
      ];
    });
    expect(networkPolicyCheck.evaluate(objects)).toEqual({
      result: 'fail',
      failures: [
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments',
          message: 'no NetworkPolicy in its namespace selects its pods',
        },
      ],
    });
  });

  it('counts a policy that selects the pods by expression', () => {
    const objects = objectsWith(o => {
      o.networkPolicies[0].spec.podSelector = {
        matchExpressions: [
          {
            key: 'app.kubernetes.io/name',
            operator: 'In',
            values: ['payments'],
          },
        ],
      };
    });
    expect(networkPolicyCheck.evaluate(objects).result).toBe('pass');
  });
});

describe('secrets check', () => {
  it('passes on an ESO-owned Secret and on system Secrets; not applicable without secrets', () => {
    expect(secretsCheck.evaluate(compliant()).result).toBe('pass');
    const system = objectsWith(o => {
      o.secrets.push(
        {
          metadata: {
            name: 'builder-token',
            namespace: 'payments',
            annotations: { 'kubernetes.io/service-account.name': 'builder' },
          },
        },
        {
          metadata: {
            name: 'sh.helm.release.v1.payments.v3',
            namespace: 'payments',
            labels: { owner: 'helm' },
          },
        },
        {
          metadata: {
            name: 'payments-tls',
            namespace: 'payments',
            annotations: { 'cert-manager.io/certificate-name': 'payments' },
          },
        },
      );
    });
    expect(secretsCheck.evaluate(system).result).toBe('pass');
    expect(secretsCheck.evaluate(parseServiceObjects({})).result).toBe(
      'not-applicable',
    );
  });

  it('fails on a hand-made Secret, even one that carries the ESO label without an ExternalSecret', () => {
    const objects = objectsWith(o => {
      o.secrets.push(
        { metadata: { name: 'stripe', namespace: 'payments' }, type: 'Opaque' },
        {
          metadata: {
            name: 'forged',
            namespace: 'payments',
            labels: { 'reconcile.external-secrets.io/managed': 'true' },
          },
        },
        {
          metadata: {
            name: 'other-owner',
            namespace: 'payments',
            ownerReferences: [
              {
                apiVersion: 'example.com/v1',
                kind: 'ExternalSecret',
                name: 'x',
              },
            ],
          },
        },
      );
    });
    expect(secretsCheck.evaluate(objects)).toEqual({
      result: 'fail',
      failures: ['stripe', 'forged', 'other-owner'].map(name => ({
        kind: 'Secret',
        namespace: 'payments',
        name,
        message: 'not written by an ExternalSecret',
      })),
    });
  });

  it('accepts a merged Secret (ESO label and an ExternalSecret targeting it)', () => {
    const objects = objectsWith(o => {
      o.secrets.push({
        metadata: {
          name: 'shared',
          namespace: 'payments',
          labels: { 'reconcile.external-secrets.io/managed': 'true' },
        },
      });
      o.externalSecrets.push({
        metadata: { name: 'shared-merge', namespace: 'payments' },
        spec: { target: { name: 'shared', creationPolicy: 'Merge' } },
      });
    });
    expect(secretsCheck.evaluate(objects).result).toBe('pass');
  });

  it('fails on a pod that uses a Secret no ExternalSecret writes (manifests before the Secrets exist)', () => {
    const objects = objectsWith(o => {
      o.secrets = [];
      o.deployments[0].spec.template.spec.containers[0].env = [
        {
          name: 'STRIPE_KEY',
          valueFrom: { secretKeyRef: { name: 'stripe', key: 'key' } },
        },
      ];
    });
    expect(secretsCheck.evaluate(objects)).toEqual({
      result: 'fail',
      failures: [
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments',
          message: 'uses Secret stripe, which no ExternalSecret writes',
        },
      ],
    });
  });
});

describe('pod disruption budget check', () => {
  it('passes with a selecting budget, fails naming the HPA-scaled Deployment without one', () => {
    expect(disruptionBudgetCheck.evaluate(compliant()).result).toBe('pass');
    const objects = objectsWith(o => {
      o.podDisruptionBudgets[0].spec.selector = {
        matchLabels: { app: 'other' },
      };
    });
    expect(disruptionBudgetCheck.evaluate(objects)).toEqual({
      result: 'fail',
      failures: [
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments',
          message:
            'HorizontalPodAutoscaler payments scales it to 2-5 replicas, but no PodDisruptionBudget selects its pods',
        },
      ],
    });
  });

  it('an HPA with maxReplicas above 1 needs one too; a budget without selector selects nothing', () => {
    const objects = objectsWith(o => {
      o.horizontalPodAutoscalers[0].spec = {
        scaleTargetRef: { kind: 'Deployment', name: 'payments' },
        maxReplicas: 2,
      };
      delete o.podDisruptionBudgets[0].spec.selector;
    });
    expect(disruptionBudgetCheck.evaluate(objects).failures).toEqual([
      expect.objectContaining({
        name: 'payments',
        message: expect.stringContaining('scales it to 1-2 replicas'),
      }),
    ]);
  });

  it('replicas > 1 without an HPA needs one; a single replica does not', () => {
    const fixed = objectsWith(o => {
      o.horizontalPodAutoscalers = [];
      o.podDisruptionBudgets = [];
      o.deployments[0].spec.replicas = 3;
    });
    expect(disruptionBudgetCheck.evaluate(fixed).failures).toEqual([
      expect.objectContaining({
        message: '3 replicas, but no PodDisruptionBudget selects its pods',
      }),
    ]);
    const single = objectsWith(o => {
      o.horizontalPodAutoscalers = [];
      o.podDisruptionBudgets = [];
    });
    expect(disruptionBudgetCheck.evaluate(single).result).toBe(
      'not-applicable',
    );
    const pinnedToOne = objectsWith(o => {
      o.horizontalPodAutoscalers[0].spec.minReplicas = 1;
      o.horizontalPodAutoscalers[0].spec.maxReplicas = 1;
      o.deployments[0].spec.replicas = 4;
      o.podDisruptionBudgets = [];
    });
    // The HPA decides the replicas of the workload it targets.
    expect(disruptionBudgetCheck.evaluate(pinnedToOne).result).toBe(
      'not-applicable',
    );
  });
});
