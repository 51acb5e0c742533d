import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const argoEventsTriggerExamples: TemplateExample[] = [
  {
    description: 'Start a new environment for a component and return at once',
    example: stringify({
      steps: [
        {
          id: 'provision',
          action: 'argo-events:trigger',
          name: 'Provision the environment',
          input: {
            template: 'new-environment',
            entityRef: 'component:default/payments-svc',
            parameters: {
              environment: 'staging',
              baselineServices: ['postgres'],
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Start it and wait up to 10 minutes, showing each step in the task log',
    example: stringify({
      steps: [
        {
          id: 'provision',
          action: 'argo-events:trigger',
          name: 'Provision the environment',
          input: {
            template: 'new-environment',
            entityRef: 'component:default/payments-svc',
            parameters: { environment: 'preview-42' },
            wait: true,
            timeoutSeconds: 600,
          },
        },
      ],
    }),
  },
];
