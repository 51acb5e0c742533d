import { startTemplateHarness } from './scaffolderHarness';
jest.setTimeout(120_000);
it('smoke', async () => {
  const h = await startTemplateHarness();
  try {
    const t = await h.waitForEntity(
      'user:default/bob',
      'template:default/new-service',
    );
    console.log('template found', t.metadata.name);
    const values = {
      name: 'refunds',
      owner: 'group:default/payments-team',
      description: 'Refunds',
      language: 'go',
      traffic: 'low',
      storage: 'none',
      extraSecrets: [],
      repoOwner: 'payments',
      repoHost: h.gitHost,
    };
    const d = await h.dryRun('user:default/bob', 'new-service', values);
    console.log(d.status, JSON.stringify(d.body.output?.links));
    const r = await h.run('user:default/bob', 'new-service', values);
    console.log(JSON.stringify({...r, log: r.log.filter(m=>!m.includes('Writing'))}, null, 1).slice(0, 6000));
  } finally {
    await h.stop();
  }
});
