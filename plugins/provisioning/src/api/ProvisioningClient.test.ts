import { ProvisioningClient } from './ProvisioningClient';

describe('ProvisioningClient', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://portal/api/provisioning',
  };

  it('lists runs with the given filters, leaving empty ones out', async () => {
    const fetch = jest.fn(
      async () => new Response(JSON.stringify({ items: [] })),
    );
    const client = new ProvisioningClient({
      discoveryApi,
      fetchApi: { fetch },
    });
    await client.listRuns({
      entityRef: 'component:default/a b',
      status: 'running',
      owner: '',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://portal/api/provisioning/runs?entityRef=component%3Adefault%2Fa+b&status=running',
    );
  });

  it('rejects with the backend message on an error status', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No provisioning run x' },
          }),
          {
            status: 404,
            headers: { 'content-type': 'application/json' },
          },
        ),
    );
    const client = new ProvisioningClient({
      discoveryApi,
      fetchApi: { fetch },
    });
    await expect(client.getRun('x')).rejects.toMatchObject({
      name: 'ResponseError',
      message: expect.stringMatching(/404/),
      cause: { message: expect.stringContaining('No provisioning run x') },
    });
  });
});
