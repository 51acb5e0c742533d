import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse } from 'yaml';
import { createArgoEventsTriggerAction } from './argoEventsTrigger';
import { argoEventsTriggerExamples } from './argoEventsTrigger.examples';
import type { ProvisioningClient } from './provisioningClient';

describe('argo-events:trigger examples', () => {
  it.each(argoEventsTriggerExamples.map(e => [e.description, e] as const))(
    '%s runs',
    async (_d, example) => {
      const step = parse(example.example).steps[0];
      expect(step.action).toBe('argo-events:trigger');
      const triggered: unknown[] = [];
      const client: ProvisioningClient = {
        trigger: async request => {
          triggered.push(request);
          return {
            runId: '11111111-1111-4111-8111-111111111111',
            status: 'queued',
          };
        },
        getRun: async runId => ({
          id: runId,
          template: step.input.template,
          entityRef: step.input.entityRef,
          userRef: 'user:default/bob',
          parameters: step.input.parameters,
          status: 'succeeded',
          createdAt: '',
          updatedAt: '',
          delivery: { attempts: 1 },
          events: [],
        }),
      };
      const action = createArgoEventsTriggerAction({
        client,
        pollIntervalMs: 1,
      });
      const ctx = createMockActionContext({ input: step.input });
      await action.handler(ctx as any);
      expect(triggered).toEqual([
        {
          template: step.input.template,
          entityRef: step.input.entityRef,
          parameters: step.input.parameters,
        },
      ]);
      expect(ctx.output).toHaveBeenCalledWith(
        'status',
        step.input.wait ? 'succeeded' : 'queued',
      );
    },
  );
});
