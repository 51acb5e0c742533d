import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const gitopsCommitExamples: TemplateExample[] = [
  {
    description: 'Commit the manifests built by portico:service:manifests',
    example: stringify({
      steps: [
        {
          id: 'gitops',
          action: 'portico:gitops:commit',
          name: 'Commit to the GitOps repository',
          input: {
            service: '${{ parameters.name }}',
            owner: '${{ parameters.owner }}',
            files: '${{ steps.manifests.output.files }}',
            alreadyCreated: ['${{ steps.publish.output.remoteUrl }}'],
          },
        },
      ],
    }),
  },
];
