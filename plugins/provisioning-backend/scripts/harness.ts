/*
 * Local stand-in for the Argo Events webhook EventSource of deploy/argo-events/, for `make start`:
 * accepts runs on http://localhost:12000/provisioning (Bearer dev-eventsource-secret, as in
 * app-config.development.yaml) and plays the new-environment workflow, reporting each step to the portal.
 *   yarn --cwd plugins/provisioning-backend harness
 * Environment: HARNESS_PORT, HARNESS_TOKEN, HARNESS_STEP_DELAY_MS, HARNESS_FAIL_STEP.
 */
import { WebhookHarness } from '../src/testUtils';

async function main() {
  const harness = await WebhookHarness.start({
    context: { endpoint: '/provisioning', method: 'POST' },
    authToken: process.env.HARNESS_TOKEN ?? 'dev-eventsource-secret',
    port: Number(process.env.HARNESS_PORT ?? 12000),
  });
  harness.workflow = {
    steps: ['namespace', 'rbac', 'baseline'],
    stepDelayMs: Number(process.env.HARNESS_STEP_DELAY_MS ?? 1500),
    failStep: process.env.HARNESS_FAIL_STEP || undefined,
  };
  process.stdout.write(
    `Argo Events webhook stand-in listening on ${harness.url}\n`,
  );
  const stop = () => {
    harness.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
