/* Attack rows: 4. Secrets: keys forced under the team's and service's prefix, the store chosen by the platform. */
import type { AttackRow } from './types';
import { ALICE, newService, addSecret } from './requests';

export const SECRET_ATTACKS: AttackRow[] = [
  {
    name: 'add-secret pulls team-b’s database password into svc-a',
    class: 'secret-scope',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'add-secret',
      values: addSecret({
        data: [
          {
            secretKey: 'DB_PASSWORD',
            remoteKey: 'services/team-b/svc-b/postgres',
            property: 'password',
          },
        ],
      }),
    },
    expect: { status: 400, message: /remoteKey/ },
    effects: ['git'],
    why: 'a template input can pull another service’s database password',
  },
  {
    name: 'new-service extraSecrets pull team-b’s database password',
    class: 'secret-scope',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'new-service',
      values: newService({
        extraSecrets: [
          {
            secretKey: 'DB_PASSWORD',
            remoteKey: 'services/team-b/svc-b/postgres',
          },
        ],
      }),
    },
    expect: { status: 400, message: /remoteKey/ },
    effects: ['git'],
    why: 'the same through new-service',
  },
  {
    name: 'add-secret names the portal’s own secret store',
    class: 'secret-scope',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'add-secret',
      values: addSecret({
        storeKind: 'SecretStore',
        storeName: 'portico-github-app',
      }),
    },
    expect: {
      status: 400,
      message: /store/i,
      orSafeOutput: 'platform-secret-store',
    },
    effects: ['git'],
    why: '… or the portal’s own GitHub App key: the store is chosen by the platform, not by a template input',
  },
  {
    name: 'add-secret for team-b’s service',
    class: 'secret-scope',
    as: ALICE,
    request: {
      kind: 'dry-run',
      template: 'add-secret',
      values: addSecret({ component: 'component:default/svc-b' }),
    },
    expect: { status: 403, message: /component:default\/svc-b/ },
    effects: ['git'],
    why: 'secrets are for the owners',
  },
];
