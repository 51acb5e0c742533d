import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

export const serviceValidateExamples: TemplateExample[] = [
  stepExample('First step of the New service template', {
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
  }),
];
