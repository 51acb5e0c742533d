import { instanceSpecs } from './appStates';

describe('instanceSpecs', () => {
  const apps = [
    'checkout-service',
    'fraud-detector',
    'inventory-service',
    'ledger-service',
    'payments-api',
    'search-indexer',
    'storefront-web',
  ].map(name => ({ name, team: `team-of-${name}` }));

  it('serves every application on prod with its team, and the e2e variants plus a suspended one', () => {
    const { prod } = instanceSpecs(apps);
    expect(prod.map(s => s.name)).toEqual(apps.map(a => a.name));
    for (const s of prod) expect(s.team).toBe(`team-of-${s.name}`);
    const byName = Object.fromEntries(prod.map(s => [s.name, s]));
    expect(byName['fraud-detector']).toMatchObject({
      syncStatus: 'OutOfSync',
      healthStatus: 'Progressing',
      operationRunning: true,
    });
    expect(byName['inventory-service']).toMatchObject({
      healthStatus: 'Degraded',
      historyLength: 5,
    });
    expect(byName['search-indexer'].syncStatus).toBe('OutOfSync');
    expect(byName['payments-api'].historyLength).toBe(6);
    expect(byName['ledger-service'].healthStatus).toBe('Suspended');
    // The rest: Synced + Healthy (FakeAppSpec's defaults).
    expect(byName['storefront-web']).toEqual({
      name: 'storefront-web',
      team: 'team-of-storefront-web',
    });
  });

  it('serves payments-api (out of sync) and checkout-service on staging only', () => {
    const { staging } = instanceSpecs(apps);
    expect(staging).toEqual([
      { name: 'checkout-service', team: 'team-of-checkout-service' },
      {
        name: 'payments-api',
        team: 'team-of-payments-api',
        syncStatus: 'OutOfSync',
        historyLength: 4,
      },
    ]);
  });
});
