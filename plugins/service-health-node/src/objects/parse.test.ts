import { compliantServiceObjects } from '../testing/serviceObjects';
import { parseServiceObjects, serviceObjectsOf } from './parse';

describe('parseServiceObjects', () => {
  it('fills absent lists and drops fields the checks do not read', () => {
    const parsed = parseServiceObjects({
      deployments: compliantServiceObjects().deployments,
    });
    expect(parsed.secrets).toEqual([]);
    expect(parsed.deployments[0].spec.template.spec.containers[0].name).toBe(
      'payments',
    );
    expect((parsed.deployments[0].spec as any).strategy).toBeUndefined();
  });

  it('refuses objects not shaped as the API returns them, naming the field', () => {
    expect(() =>
      parseServiceObjects({ deployments: [{ metadata: {} }] }),
    ).toThrow(/invalid Kubernetes objects: deployments\.0\.metadata\.name/);
    expect(() =>
      parseServiceObjects({
        networkPolicies: [
          {
            metadata: { name: 'x' },
            spec: {
              podSelector: {
                matchExpressions: [{ key: 'a', operator: 'Near' }],
              },
            },
          },
        ],
      }),
    ).toThrow(
      /networkPolicies\.0\.spec\.podSelector\.matchExpressions\.0\.operator/,
    );
  });
});

describe('serviceObjectsOf', () => {
  it('sorts objects by their kind and leaves out kinds no check reads', () => {
    const o = compliantServiceObjects();
    const parsed = serviceObjectsOf([
      { kind: 'Namespace', metadata: { name: 'payments' } },
      { kind: 'Deployment', ...o.deployments[0] },
      { kind: 'PodDisruptionBudget', ...o.podDisruptionBudgets[0] },
      'not an object',
    ]);
    expect(parsed.deployments.map(d => d.metadata.name)).toEqual(['payments']);
    expect(parsed.podDisruptionBudgets).toHaveLength(1);
    expect(parsed.services).toEqual([]);
  });
});
