import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

export const ownerVerifyExamples: TemplateExample[] = [
  stepExample("The chosen owner must be one of the caller's groups", {
    id: 'owner',
    action: 'portico:owner:verify',
    name: 'Check the owner',
    input: { owner: '${{ parameters.owner }}' },
  }),
  stepExample('Only owners of an existing service may add a secret to it', {
    id: 'owner',
    action: 'portico:owner:verify',
    name: 'Check ownership of the service',
    input: { entityRef: '${{ parameters.service }}' },
  }),
  stepExample(
    "New environment: the entity must be yours, and the namespace neither reserved (kube-*, default, the platform's) nor held by another team",
    {
      id: 'verify',
      action: 'portico:owner:verify',
      name: 'Check ownership and the namespace',
      input: {
        entityRef: '${{ parameters.entity }}',
        namespace: '${{ parameters.environment }}',
      },
    },
  ),
  stepExample('A literal team and namespace', {
    id: 'verify',
    action: 'portico:owner:verify',
    name: 'Check the team and the namespace',
    input: { owner: 'group:default/team-a', namespace: 'payments-dev' },
  }),
];
