import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const ownerVerifyExamples: TemplateExample[] = [
  {
    description: "The chosen owner must be one of the caller's groups",
    example: stringify({
      steps: [
        {
          id: 'owner',
          action: 'portico:owner:verify',
          name: 'Check the owner',
          input: { owner: '${{ parameters.owner }}' },
        },
      ],
    }),
  },
  {
    description: 'Only owners of an existing service may add a secret to it',
    example: stringify({
      steps: [
        {
          id: 'owner',
          action: 'portico:owner:verify',
          name: 'Check ownership of the service',
          input: { entityRef: '${{ parameters.service }}' },
        },
      ],
    }),
  },
  {
    description:
      "New environment: the entity must be yours, and the namespace neither reserved (kube-*, default, the platform's) nor held by another team",
    example: stringify({
      steps: [
        {
          id: 'verify',
          action: 'portico:owner:verify',
          name: 'Check ownership and the namespace',
          input: {
            entityRef: '${{ parameters.entity }}',
            namespace: '${{ parameters.environment }}',
          },
        },
      ],
    }),
  },
  {
    description: 'A literal team and namespace',
    example: stringify({
      steps: [
        {
          id: 'verify',
          action: 'portico:owner:verify',
          name: 'Check the team and the namespace',
          input: { owner: 'group:default/team-a', namespace: 'payments-dev' },
        },
      ],
    }),
  },
];
