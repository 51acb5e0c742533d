import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

export const gitopsCommitExamples: TemplateExample[] = [
  stepExample('Commit the manifests built by portico:service:manifests', {
    id: 'gitops',
    action: 'portico:gitops:commit',
    name: 'Commit to the GitOps repository',
    input: {
      service: '${{ parameters.name }}',
      owner: '${{ parameters.owner }}',
      files: '${{ steps.manifests.output.files }}',
      alreadyCreated: ['${{ steps.publish.output.remoteUrl }}'],
    },
  }),
];
