import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const serviceValidateExamples: TemplateExample[] = [
  {
    description: 'First step of the New service template',
    example: stringify({
      steps: [
        {
          id: 'validate',
          action: 'portico:service:validate',
          name: 'Check the request',
          input: {
            name: '${{ parameters.name }}',
            owner: '${{ parameters.owner }}',
            description: '${{ parameters.description }}',
            traffic: '${{ parameters.traffic }}',
            storage: '${{ parameters.storage }}',
            extraSecrets: '${{ parameters.extraSecrets }}',
          },
        },
      ],
    }),
  },
];
