import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

export const gitTokenExamples: TemplateExample[] = [
  stepExample(
    'A 15-minute write token for the repository this task creates, revoked at the end',
    {
      id: 'token',
      action: 'portico:git:token',
      name: 'Scoped Git token',
      input: { repoUrl: '${{ parameters.repoUrl }}', ttlSeconds: 900 },
    },
    {
      id: 'revoke',
      action: 'portico:git:token:revoke',
      name: 'Revoke the token',
      input: { tokenRef: '${{ steps.token.output.tokenRef }}' },
    },
  ),
];
