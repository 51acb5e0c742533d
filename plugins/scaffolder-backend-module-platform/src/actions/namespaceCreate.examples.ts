import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

export const namespaceExamples: TemplateExample[] = [
  stepExample('Namespace for team-a sized for medium traffic', {
    id: 'namespace',
    action: 'portico:namespace:create',
    name: 'Build the namespace',
    input: {
      name: 'payments',
      owner: 'group:default/team-a',
      traffic: 'medium',
    },
  }),
];
