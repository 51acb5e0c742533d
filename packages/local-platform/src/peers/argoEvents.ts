import { randomBytes } from 'node:crypto';
import { WebhookHarness } from '@internal/plugin-provisioning-backend/testUtils';
import { LOCAL_PORTS } from '../ports';
import type { PeerStarter } from '../types';

/** The steps of the new-environment workflow (deploy/argo-events) the stand-in reports. */
export const WORKFLOW_STEPS = ['namespace', 'rbac', 'baseline'];

/**
 * provisioning-backend's Argo Events webhook stand-in: accepts runs on /provisioning with a
 * Bearer token (random per start) and plays the new-environment workflow, reporting each step
 * to the callback URL of the run (a step every `stepDelayMs`, default 1500 ms).
 */
export function argoEventsPeer(
  options: { stepDelayMs?: number } = {},
): PeerStarter<{ url: string; token: string }> {
  return async context => {
    const token = `evs_${randomBytes(24).toString('base64url')}`;
    const harness = await WebhookHarness.start({
      context: { endpoint: '/provisioning', method: 'POST' },
      authToken: token,
      port: context.ports === 'fixed' ? LOCAL_PORTS.argoEvents : 0,
    });
    harness.workflow = {
      steps: WORKFLOW_STEPS,
      stepDelayMs: options.stepDelayMs ?? 1500,
    };
    context.log(`Argo Events: webhook stand-in on ${harness.url}`);
    return {
      description: { url: harness.url, token },
      config: {
        provisioning: {
          argoEvents: { webhookUrl: harness.url, authToken: token },
          // The stand-in has no cluster to hold the token Secret, so the token rides in the
          // webhook body (refused when NODE_ENV=production).
          callback: { tokenDelivery: 'payload' },
        },
      },
      stop: () => harness.stop(),
    };
  };
}

export const startArgoEventsPeer = argoEventsPeer();
