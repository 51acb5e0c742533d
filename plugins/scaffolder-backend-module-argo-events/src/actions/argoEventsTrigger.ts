import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  triggerRunRequestSchema,
  type ProvisioningRunDetail,
  type RunResource,
} from '@internal/plugin-provisioning-common';
import { argoEventsTriggerExamples } from './argoEventsTrigger.examples';
import type { ProvisioningClient } from './provisioningClient';
import { describeEvent } from './describeEvent';

export const ACTION_ID = 'argo-events:trigger';

/**
 * `argo-events:trigger`: records a provisioning run (delivered to the Argo Events webhook by the
 * provisioning backend) for an entity the initiator owns, and returns its id at once; with
 * `wait: true` it follows the run, writing each step the workflow reports to the task log, and
 * fails if the run fails or does not end within `timeoutSeconds`.
 */
export function createArgoEventsTriggerAction(deps: {
  client: ProvisioningClient;
  /** Pause between polls while waiting (default 2000 ms). */
  pollIntervalMs?: number;
}) {
  const pollIntervalMs = deps.pollIntervalMs ?? 2000;
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Starts a provisioning run through Argo Events (the provisioning backend delivers it to the webhook EventSource with retries) and optionally waits for the workflow, showing each reported step in the task log.',
    examples: argoEventsTriggerExamples,
    supportsDryRun: true,
    schema: {
      input: {
        template: z =>
          z
            .string()
            .describe(
              'Provisioning template the workflow runs, e.g. new-environment (the Sensor routes on it)',
            ),
        entityRef: z =>
          z
            .string()
            .describe(
              'The entity the run is for (full ref, e.g. component:default/payments-svc); only its owners may start runs',
            ),
        parameters: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              'Inputs of the workflow. Stored and shown with the run, so no secrets: keys such as password or token are refused',
            ),
        wait: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait for the run to end, logging each step (default false)',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(5)
            .max(3600)
            .optional()
            .describe('How long to wait when wait is true (default 600)'),
      },
      output: {
        runId: z => z.string().describe('Id of the provisioning run'),
        status: z =>
          z
            .string()
            .describe('queued when not waiting; succeeded when waited for'),
        resources: z =>
          z
            .array(z.object({ title: z.string(), url: z.string() }))
            .describe('Links the workflow reported (when waited for)'),
      },
    },
    async handler(ctx) {
      const parsed = triggerRunRequestSchema.safeParse({
        template: ctx.input.template,
        entityRef: ctx.input.entityRef,
        parameters: ctx.input.parameters ?? {},
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `Invalid input ${issue.path.join('.')}: ${issue.message}`,
        );
      }
      const request = parsed.data;

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would start provisioning run ${JSON.stringify(request)}${
            ctx.input.wait ? ' and wait for it' : ''
          }`,
        );
        ctx.output('runId', 'dry-run');
        ctx.output('status', 'dry-run');
        ctx.output('resources', []);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      // A retried task does not start a second run.
      const runId = await ctx.checkpoint({
        key: `argo-events-trigger-${request.template}-${request.entityRef}`,
        fn: async () => (await deps.client.trigger(request, credentials)).runId,
      });
      ctx.output('runId', runId);
      ctx.logger.info(
        `Provisioning run ${runId} queued for ${request.entityRef}`,
      );
      if (!ctx.input.wait) {
        ctx.output('status', 'queued');
        ctx.output('resources', []);
        return;
      }

      const deadline = Date.now() + (ctx.input.timeoutSeconds ?? 600) * 1000;
      let shown = 0;
      let run: ProvisioningRunDetail;
      for (;;) {
        run = await deps.client.getRun(runId, credentials);
        const before = shown;
        for (const event of run.events.filter(e => e.seq > before)) {
          ctx.logger.info(describeEvent(event));
          shown = event.seq;
        }
        if (run.status === 'succeeded' || run.status === 'failed') break;
        if (Date.now() >= deadline) {
          throw new Error(
            `Provisioning run ${runId} did not end within ${
              ctx.input.timeoutSeconds ?? 600
            } s (still ${run.status}); it goes on, see the Provisioning page`,
          );
        }
        if (ctx.signal?.aborted) throw new Error('Task cancelled');
        await new Promise(r => setTimeout(r, pollIntervalMs));
      }
      if (run.status === 'failed') {
        throw new Error(
          `Provisioning run ${runId} failed: ${
            run.failureReason ?? 'no reason given'
          }`,
        );
      }
      const resources: RunResource[] = run.events.flatMap(e => e.resources);
      ctx.output('status', run.status);
      ctx.output('resources', resources);
      ctx.logger.info(`Provisioning run ${runId} succeeded`);
    },
  });
}
