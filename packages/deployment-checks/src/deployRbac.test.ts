/*
 * deploy/rbac.yaml: the portal's service account reads what the Kubernetes plugin shows, and
 * writes nothing (moved out of deploy.test.ts, which checks the other objects of deploy/).
 */
import path from 'node:path';
import { readYaml, readYamlDocuments, repoPath } from './testing/checks';

const deployDir = repoPath('deploy');
const kustomization = readYaml<any>(path.join(deployDir, 'kustomization.yaml'));
const objects = (): any[] =>
  (kustomization.resources as string[]).flatMap(file =>
    readYamlDocuments<any>(path.join(deployDir, file)),
  );
const one = (kind: string) => {
  const list = objects().filter(o => o.kind === kind);
  expect(list.map(o => o.metadata.name)).toHaveLength(1);
  return list[0];
};

describe('deploy/ RBAC', () => {
  const deployment = () => one('Deployment');

  it('binds a read-only ClusterRole covering what the Kubernetes plugin reads to the pod service account', () => {
    const serviceAccount = one('ServiceAccount');
    expect(deployment().spec.template.spec.serviceAccountName).toBe(
      serviceAccount.metadata.name,
    );
    const role = one('ClusterRole');
    const binding = one('ClusterRoleBinding');
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role.metadata.name,
    });
    expect(binding.subjects).toContainEqual({
      kind: 'ServiceAccount',
      name: serviceAccount.metadata.name,
      namespace: serviceAccount.metadata.namespace,
    });
    const needed: Record<string, string[]> = {
      '': ['pods', 'services', 'configmaps', 'limitranges', 'resourcequotas'],
      apps: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'],
      autoscaling: ['horizontalpodautoscalers'],
      'networking.k8s.io': ['ingresses'],
      batch: ['jobs', 'cronjobs'],
    };
    const missing: string[] = [];
    for (const [group, list] of Object.entries(needed)) {
      for (const resource of list) {
        for (const verb of ['get', 'list', 'watch']) {
          const granted = role.rules.some(
            (r: any) =>
              r.apiGroups.includes(group) &&
              r.resources.includes(resource) &&
              r.verbs.includes(verb),
          );
          if (!granted) {
            missing.push(`${group || 'core'}/${resource}:${verb}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    const writeVerbs = role.rules
      .flatMap((r: any) => r.verbs)
      .filter((v: string) => !['get', 'list', 'watch'].includes(v));
    expect(writeVerbs).toEqual([]);
    expect(role.rules.flatMap((r: any) => r.resources)).not.toContain(
      'secrets',
    );
  });
});
