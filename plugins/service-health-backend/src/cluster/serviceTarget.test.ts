import { StaticTeamNamespaces } from '@internal/plugin-portico-node';
import { componentEntity } from '@internal/plugin-portico-node/testUtils';
import { serviceTarget } from './serviceTarget';

const namespaces = new StaticTeamNamespaces({
  'payments-team': ['payments', 'payments-staging'],
  'storefront-team': ['storefront'],
});
const LABEL = 'app.kubernetes.io/name';

describe('serviceTarget', () => {
  it("looks in the owning team's namespaces for the workloads of the entity's app label", async () => {
    const entity = componentEntity(
      'payments-api',
      {},
      'group:default/payments-team',
    );
    expect(await serviceTarget(entity, LABEL, namespaces)).toEqual({
      entityRef: 'component:default/payments-api',
      namespaces: ['payments', 'payments-staging'],
      appLabel: LABEL,
      app: 'payments-api',
    });
  });

  it("lets the annotations narrow to one of the team's namespaces and name the app, never more", async () => {
    const entity = componentEntity(
      'payments-api',
      {
        'backstage.io/kubernetes-namespace': 'payments-staging',
        'backstage.io/kubernetes-id': 'payments',
      },
      'group:default/payments-team',
    );
    expect(await serviceTarget(entity, LABEL, namespaces)).toMatchObject({
      namespaces: ['payments-staging'],
      app: 'payments',
    });
    const elsewhere = componentEntity(
      'payments-api',
      { 'backstage.io/kubernetes-namespace': 'storefront' },
      'group:default/payments-team',
    );
    expect(await serviceTarget(elsewhere, LABEL, namespaces)).toMatchObject({
      namespaces: [],
    });
    const noTeam = componentEntity('x', {}, 'user:default/bob');
    expect(await serviceTarget(noTeam, LABEL, namespaces)).toMatchObject({
      namespaces: [],
    });
  });

  it('refuses an app name that is not a label value', async () => {
    const entity = componentEntity(
      'svc',
      { 'backstage.io/kubernetes-id': 'a,b=c' },
      'group:default/payments-team',
    );
    expect(await serviceTarget(entity, LABEL, namespaces)).toEqual({
      problem:
        'annotation backstage.io/kubernetes-id must be a label value, not "a,b=c"',
    });
  });
});
