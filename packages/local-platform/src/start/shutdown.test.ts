import { Shutdown } from './shutdown';

describe('Shutdown', () => {
  it('stops the last started first, once, going on past a failing step', async () => {
    const lines: string[] = [];
    const order: string[] = [];
    const shutdown = new Shutdown(line => lines.push(line));
    shutdown.add('the local platform', async () => {
      order.push('platform');
    });
    shutdown.add('the portal', async () => {
      order.push('portal');
      throw new Error('kill failed');
    });
    expect(shutdown.started).toBe(false);
    const first = shutdown.run();
    expect(shutdown.started).toBe(true);
    const second = shutdown.run();
    await Promise.all([first, second]);
    expect(order).toEqual(['portal', 'platform']);
    expect(lines).toEqual([
      'stopping the portal',
      'stopping the portal failed: kill failed',
      'stopping the local platform',
    ]);
  });
});
