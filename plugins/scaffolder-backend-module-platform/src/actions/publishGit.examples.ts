import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const publishGitExamples: TemplateExample[] = [
  {
    description:
      'Push the workspace to the loopback Git server with a task-scoped token',
    example: stringify({
      steps: [
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
      ],
    }),
  },
];
