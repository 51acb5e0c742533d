import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const namespaceExamples: TemplateExample[] = [
  {
    description: 'Namespace for team-a sized for medium traffic',
    example: stringify({
      steps: [
        {
          id: 'namespace',
          action: 'portico:namespace:create',
          name: 'Build the namespace',
          input: {
            name: 'payments',
            owner: 'group:default/team-a',
            traffic: 'medium',
          },
        },
      ],
    }),
  },
];
