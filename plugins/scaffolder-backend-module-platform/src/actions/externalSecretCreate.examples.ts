import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const externalSecretExamples: TemplateExample[] = [
  {
    description:
      'Add one secret from the platform Vault to an existing service',
    example: stringify({
      steps: [
        {
          id: 'secret',
          action: 'portico:external-secret:create',
          name: 'Build the ExternalSecret',
          input: {
            name: 'payments-stripe',
            namespace: 'payments',
            owner: 'group:default/team-a',
            data: [
              {
                secretKey: 'STRIPE_API_KEY',
                remoteKey: 'teams/team-a/stripe',
                property: 'api-key',
              },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Read from a namespaced SecretStore, refreshed every 15 minutes',
    example: stringify({
      steps: [
        {
          id: 'secret',
          action: 'portico:external-secret:create',
          name: 'Build the ExternalSecret',
          input: {
            name: 'payments-db',
            namespace: 'payments',
            secretStore: { kind: 'SecretStore', name: 'team-a-store' },
            refreshInterval: '15m',
            targetName: 'payments-db',
            data: [
              {
                secretKey: 'PGUSER',
                remoteKey: 'services/payments/postgres',
                property: 'username',
              },
              {
                secretKey: 'PGPASSWORD',
                remoteKey: 'services/payments/postgres',
                property: 'password',
              },
            ],
          },
        },
      ],
    }),
  },
];
