import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

export const publishGitExamples: TemplateExample[] = [
  stepExample(
    'Push the workspace to the loopback Git server with a task-scoped token',
    {
      id: 'publish',
      action: 'portico:publish:git',
      name: 'Publish',
      input: {
        repoUrl: '127.0.0.1:7008?owner=team-a&repo=payments',
        tokenRef: '${{ steps.token.output.tokenRef }}',
        gitCommitMessage: 'Initial commit from Portico',
      },
    },
  ),
];
