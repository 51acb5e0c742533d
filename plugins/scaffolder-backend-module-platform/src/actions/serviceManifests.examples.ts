import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

export const serviceManifestsExamples: TemplateExample[] = [
  stepExample('A small service without storage', {
    id: 'manifests',
    action: 'portico:service:manifests',
    name: 'Build manifests',
    input: {
      name: 'payments',
      owner: 'group:default/team-a',
      traffic: 'low',
    },
  }),
  stepExample(
    'A busy service with PostgreSQL and an extra secret from the store',
    {
      id: 'manifests',
      action: 'portico:service:manifests',
      name: 'Build manifests',
      input: {
        name: 'checkout',
        owner: 'group:default/team-a',
        description: 'Checkout API',
        language: 'go',
        traffic: 'high',
        storage: 'postgresql',
        extraSecrets: [
          {
            secretKey: 'STRIPE_API_KEY',
            remoteKey: 'stripe',
            property: 'api-key',
          },
        ],
      },
    },
  ),
];
