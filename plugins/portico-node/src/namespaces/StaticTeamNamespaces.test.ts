import { ConfigReader } from '@backstage/config';
import { createTeamNamespaces } from './teamNamespacesServiceRef';

describe('createTeamNamespaces (static)', () => {
  const service = createTeamNamespaces(
    new ConfigReader({
      portico: {
        teamNamespaces: {
          static: { 'team-a': ['payments', 'checkout'], 'team-b': ['search'] },
        },
      },
    }),
  );

  it('lists a team’s namespaces and nothing for an unknown team', async () => {
    await expect(service.namespacesOf('team-a')).resolves.toEqual([
      'checkout',
      'payments',
    ]);
    await expect(service.namespacesOf('team-z')).resolves.toEqual([]);
  });

  it('says who holds a namespace', async () => {
    await expect(service.ownerOf('search')).resolves.toEqual({
      exists: true,
      team: 'team-b',
    });
    await expect(service.ownerOf('nowhere')).resolves.toEqual({
      exists: false,
    });
  });

  it('refuses a namespace listed for two teams', () => {
    expect(() =>
      createTeamNamespaces(
        new ConfigReader({
          portico: {
            teamNamespaces: { static: { a: ['x'], b: ['x'] } },
          },
        }),
      ),
    ).toThrow(/listed for both a and b/);
  });
});
