import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

export const externalSecretExamples: TemplateExample[] = [
  stepExample(
    'Add one secret from the platform store to an existing service: the key "stripe" is read from services/team-a/payments/stripe',
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
            remoteKey: 'stripe',
            property: 'api-key',
          },
        ],
      },
    },
  ),
  stepExample(
    "Database credentials of the service (services/team-a/payments/postgres), refreshed every 15 minutes; the store is always the platform's",
    {
      id: 'secret',
      action: 'portico:external-secret:create',
      name: 'Build the ExternalSecret',
      input: {
        name: 'payments-db',
        namespace: 'payments',
        owner: 'group:default/team-a',
        refreshInterval: '15m',
        targetName: 'payments-db',
        data: [
          {
            secretKey: 'PGUSER',
            remoteKey: 'postgres',
            property: 'username',
          },
          {
            secretKey: 'PGPASSWORD',
            remoteKey: 'postgres',
            property: 'password',
          },
        ],
      },
    },
  ),
];
