import { Entity } from '@backstage/catalog-model';
import { checkDeveloperRegistration } from './checkRegistration';

const entity = (kind: string, name: string, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: owner ? { owner } : {},
});
const root: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: {
    name: 'generated-1',
    annotations: { 'backstage.io/managed-by-origin-location': 'url:https://git/x.yaml' },
  },
  spec: { type: 'url', target: 'https://git/x.yaml' },
};
const check = (entities: Entity[]) =>
  checkDeveloperRegistration({
    type: 'url',
    target: 'https://git/x.yaml',
    entities: [root, ...entities],
    userEntityRef: 'user:default/bob',
    ownershipEntityRefs: ['user:default/bob', 'group:default/team-a'],
  });

describe('checkDeveloperRegistration', () => {
  it('accepts Components, APIs and Resources owned by one of the developer’s groups', () => {
    expect(
      check([
        entity('Component', 'a', 'team-a'),
        entity('API', 'b', 'group:default/team-a'),
        entity('Resource', 'c', 'group:team-a'),
      ]),
    ).toEqual({
      entityRefs: ['component:default/a', 'api:default/b', 'resource:default/c'],
      owners: ['group:default/team-a'],
    });
  });

  it.each([
    [[entity('Component', 'a', 'team-b')], /component:default\/a: spec\.owner group:default\/team-b is not one of your groups \(group:default\/team-a\)/],
    [[entity('Component', 'a', 'user:default/bob')], /spec\.owner user:default\/bob is not one of your groups/],
    [[entity('Component', 'a')], /component:default\/a: spec\.owner is missing/],
    [[entity('Location', 'more')], /location:default\/more: you may register only Component, API, Resource entities; a Location comes only from the catalog sources/],
    [[entity('System', 's', 'team-a')], /a System comes only from the catalog sources the platform configures/],
    [[entity('User', 'mallory')], /a User comes only/],
  ])('refuses %j', (entities, message) => {
    expect(() => check(entities as Entity[])).toThrow(message);
  });
});
