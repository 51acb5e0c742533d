/*
 * Journey 8: a new environment through Argo Events. Setup (API, as the guest, in the journeys the
 * developer of the e2e-only Sandbox Team: e2e/catalog/sandbox.yaml, e2e/app-config.e2e.yaml): a
 * service owned by Sandbox Team, created with the "New service" template (the example catalog
 * gives the team nothing to own). The portal's local platform runs the Argo Events webhook
 * stand-in (portal.platform.argoEvents; provisioning.argoEvents of the generated config), which
 * accepts the run and plays the workflow's callbacks (namespace, rbac, baseline). In the browser: Create, "New environment" for that service, the task
 * page shows each step the workflow reports, then the Provisioning page shows the run's
 * timeline with its links, and the service's Provisioning tab lists the run.
 */
import assert from 'node:assert/strict';
import { expectVisible, journey, signInAsGuest } from '../browser.ts';
import { guestToken } from '../guest.ts';
import {
  expectProvisioningTimeline,
  startNewEnvironment,
} from '../steps/provisioning.ts';

const service = `env-e2e-${Date.now().toString(36)}`;
const environment = `${service}-staging`;

/** Creates the Sandbox Team's service with the New service template, through the scaffolder API. */
async function createSandboxService(url: string, gitHost: string) {
  const token = await guestToken(url);
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const res = await fetch(`${url}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: 'template:default/new-service',
      values: {
        name: service,
        owner: 'group:default/sandbox-team',
        description: 'Gets a new environment in the provisioning journey',
        language: 'go',
        traffic: 'low',
        storage: 'none',
        extraSecrets: [],
        repoOwner: 'sandbox',
        repoHost: gitHost,
      },
    }),
  });
  const created = await res.text();
  assert.equal(res.status, 201, `scaffolder task not created: ${created}`);
  const { id } = JSON.parse(created) as { id: string };
  for (let i = 0; i < 240; i++) {
    const task = (await (
      await fetch(`${url}/api/scaffolder/v2/tasks/${id}`, { headers })
    ).json()) as { status: string };
    if (task.status === 'completed') break;
    assert.notEqual(
      task.status,
      'failed',
      'the New service task failed (see logs/backend.log)',
    );
    await new Promise(r => setTimeout(r, 500));
  }
  for (let i = 0; i < 240; i++) {
    const entity = await fetch(
      `${url}/api/catalog/entities/by-name/component/default/${service}`,
      { headers },
    );
    if (entity.ok) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`component:default/${service} did not reach the catalog`);
}

journey(
  '08-provisioning',
  async ({ page, step, portal }) => {
    const gitHost = portal.platform?.git?.host;
    assert.ok(
      gitHost,
      "the loopback Git server host (portal.ts's local platform)",
    );
    assert.ok(
      portal.platform?.argoEvents?.url,
      "the Argo Events webhook stand-in (portal.ts's local platform)",
    );
    {
      await createSandboxService(portal.url, gitHost!);

      await step('template-form', async () => {
        await signInAsGuest(page, '/create/templates/default/new-environment');
        await expectVisible(
          page.getByText('New environment').first(),
          'the New environment template',
        );
        // OwnedEntityPicker: only entities of the guest's team (Sandbox Team) are offered.
        await startNewEnvironment(page, service, environment);
      });

      await step('task-log', async () => {
        await page.getByRole('button', { name: 'Create' }).click();
        await page.waitForURL('**/create/tasks/**');
        // The task log shows each step the workflow reports (the action waits for the run).
        const showLogs = page.getByRole('button', { name: /show logs/i });
        await expectVisible(showLogs, 'the task page');
        await showLogs.click();
        await expectVisible(
          page.getByText(/\[rbac\] succeeded/).first(),
          'the rbac step in the task log',
          90_000,
        );
        await expectVisible(
          page.getByRole('link', { name: 'Provisioning run' }),
          'the link to the run',
          90_000,
        );
      });

      await step('provisioning-page', async () => {
        await expectProvisioningTimeline(page, service, 30_000);
      });

      await step('filtered-by-team', async () => {
        await page
          .getByRole('textbox', { name: 'Team' })
          .fill('group:default/sandbox-team');
        const table = page.getByRole('table', { name: 'Provisioning runs' });
        await expectVisible(
          table.getByText(`component:default/${service}`),
          'the run in the team filter',
        );
      });

      await step('entity-tab', async () => {
        await page.goto(`/catalog/default/component/${service}/provisioning`);
        await expectVisible(
          page.getByRole('table', { name: 'Provisioning runs' }),
          'the runs of the service',
        );
        await expectVisible(
          page.getByRole('list', { name: 'Timeline' }),
          'the timeline on the entity tab',
        );
      });
    }
  },
  { timeout: 600_000 },
);
