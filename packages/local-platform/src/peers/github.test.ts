import { startGithubPeer } from './github';

describe('the GitHub peer', () => {
  it('serves every annotated example component and gives the portal its config', async () => {
    const logs: string[] = [];
    const peer = await startGithubPeer({
      ports: 'free',
      backendUrl: 'http://localhost:7007',
      appUrl: 'http://localhost:3000',
      liveChanges: false,
      log: line => logs.push(line),
      options: {},
    });
    try {
      const { url, token } = peer.description;
      expect(peer.config).toEqual({
        serviceHealth: {
          github: {
            apiBaseUrl: url,
            organizations: ['acme'],
            token,
            frequency: { minutes: 1 },
          },
        },
      });
      const res = await fetch(
        `${url}/repos/acme/payments-api/commits?per_page=3`,
        {
          headers: { authorization: `token ${token}` },
        },
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toHaveLength(3);
      expect((await fetch(`${url}/repos/acme/payments-api`)).status).toBe(401);
      expect(logs.join('\n')).toMatch(
        /GitHub stand-in: .* \(\d+ repositories\)/,
      );
    } finally {
      await peer.stop();
    }
  });
});
