import { mockServices } from '@backstage/backend-test-utils';
import { BoundedAuditEventQueue } from '../queue/BoundedAuditEventQueue';
import { createAuditRedactor } from '../redaction/createAuditRedactor';
import { PorticoAuditorService } from './PorticoAuditorService';

function setup() {
  const logger = mockServices.logger.mock();
  const queue = new BoundedAuditEventQueue({ capacity: 10, logger, durableTimeoutMs: 200 });
  queue.attachWriter();
  const auditor = new PorticoAuditorService({
    log: async () => {},
    queue,
    redactor: createAuditRedactor({ config: mockServices.rootConfig(), logger }).redactor,
    logger,
    plugin: { getId: () => 'argocd' },
    auth: mockServices.auth(),
    httpAuth: mockServices.httpAuth(),
  });
  return { queue, auditor };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise(r => setTimeout(r, 20));
  return done;
};

describe('PorticoAuditorService', () => {
  it('does not start nor answer a sensitive action until its records are stored', async () => {
    const { queue, auditor } = setup();
    const creating = auditor.createEvent({ eventId: 'sync', severityLevel: 'high' });
    expect(await settled(creating)).toBe(false);
    queue.markWritten(queue.drain(10));
    const event = await creating;

    const success = event.success();
    expect(await settled(success)).toBe(false);
    const [stored] = queue.drain(10);
    expect(stored).toMatchObject({ eventId: 'sync', outcome: 'succeeded', severity: 'high' });
    queue.markWritten([stored]);
    await expect(success).resolves.toBeUndefined();
  });

  it('refuses the action (503) when the store cannot take its record in time', async () => {
    const { auditor } = setup();
    await expect(
      auditor.createEvent({ eventId: 'sync', severityLevel: 'medium' }),
    ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
  });

  it('never waits for low-severity events', async () => {
    const { queue, auditor } = setup();
    const event = await auditor.createEvent({ eventId: 'entity-fetch' });
    await event.success();
    expect(queue.size()).toBe(2);
  });
});
