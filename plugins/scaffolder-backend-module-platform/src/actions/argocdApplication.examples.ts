import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const argocdApplicationExamples: TemplateExample[] = [
  {
    description: 'Application for a service directory in the GitOps repository',
    example: stringify({
      steps: [
        {
          id: 'application',
          action: 'portico:argocd:application',
          name: 'Build the Argo CD Application',
          input: { name: 'payments', owner: 'group:default/team-a' },
        },
      ],
    }),
  },
];
