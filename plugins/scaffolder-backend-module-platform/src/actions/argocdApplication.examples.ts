import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

export const argocdApplicationExamples: TemplateExample[] = [
  stepExample('Application for a service directory in the GitOps repository', {
    id: 'application',
    action: 'portico:argocd:application',
    name: 'Build the Argo CD Application',
    input: { name: 'payments', owner: 'group:default/team-a' },
  }),
];
