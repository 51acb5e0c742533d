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
];
