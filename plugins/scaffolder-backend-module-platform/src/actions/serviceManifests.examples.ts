import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const serviceManifestsExamples: TemplateExample[] = [
  {
    description: 'A small service without storage',
    example: stringify({
      steps: [
        {
          id: 'manifests',
          action: 'portico:service:manifests',
          name: 'Build manifests',
          input: {
            name: 'payments',
            owner: 'group:default/team-a',
            traffic: 'low',
          },
        },
      ],
    }),
  },
  {
    description:
      'A busy service with PostgreSQL and an extra secret from the store',
    example: stringify({
      steps: [
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
      ],
    }),
  },
];
