import { randomBytes } from 'node:crypto';
import { WebhookHarness } from '@internal/plugin-provisioning-backend/testUtils';
import { LOCAL_PORTS } from '../ports';
import type { LocalPlatformDescription, PeerStarter } from '../types';
import { startArgoEventsControl } from './argoEvents/controlServer';

/** The steps of the new-environment workflow (deploy/argo-events) the stand-in reports. */
export const WORKFLOW_STEPS = ['namespace', 'rbac', 'baseline'];

type LocalArgoEvents = NonNullable<LocalPlatformDescription['argoEvents']>;

/**
 * provisioning-backend's Argo Events webhook stand-in: accepts runs on /provisioning with a
 * Bearer token (random per start) and plays the new-environment workflow, reporting each step
 * to the callback URL of the run (a step every 1500 ms). ArgoEventsPeerOptions
 * (context.options.argoEvents) may add latency, change or turn off the workflow, and start a
 * control server (outages, the deliveries recorded) for a benchmark.
 */
export const startArgoEventsPeer: PeerStarter<
  LocalArgoEvents
> = async context => {
  const options = context.options.argoEvents ?? {};
  const token = `evs_${randomBytes(24).toString('base64url')}`;
  const harness = await WebhookHarness.start({
    context: { endpoint: '/provisioning', method: 'POST' },
    authToken: token,
    port: context.ports === 'fixed' ? LOCAL_PORTS.argoEvents : 0,
  });
  harness.latencyMs = options.latencyMs ?? 0;
  if (options.workflow !== false) {
    harness.workflow = {
      steps: WORKFLOW_STEPS,
      stepDelayMs: options.workflow?.stepDelayMs ?? 1500,
    };
  }
  let control: { url: string; close(): Promise<void> } | undefined;
  if (options.control) {
    try {
      control = await startArgoEventsControl(harness);
    } catch (error) {
      await harness.stop();
      throw error;
    }
  }
  context.log(`Argo Events: webhook stand-in on ${harness.url}`);
  return {
    description: {
      url: harness.url,
      token,
      ...(control ? { control: control.url } : {}),
    },
    config: {
      provisioning: {
        argoEvents: { webhookUrl: harness.url, authToken: token },
        // The stand-in has no cluster to hold the token Secret, so the token rides in the
        // webhook body (refused when NODE_ENV=production).
        callback: { tokenDelivery: 'payload' },
      },
    },
    stop: async () => {
      await control?.close();
      await harness.stop();
    },
  };
};
