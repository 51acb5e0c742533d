import { Entity } from '@backstage/catalog-model';
import { ownerRefOfEntity, teamOfEntity, teamOfGroupRef } from './teamLabels';

const component = (
  owner: string | number | undefined,
  namespace = 'default',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace },
  spec: { owner },
});

describe('teamOfGroupRef', () => {
  it('is the group name of a default-namespace group only', () => {
    expect(teamOfGroupRef('group:default/Team-A')).toBe('team-a');
    expect(teamOfGroupRef('team-a')).toBe('team-a');
    expect(teamOfGroupRef('group:other/team-a')).toBeUndefined();
    expect(teamOfGroupRef('user:default/bob')).toBeUndefined();
  });

  it('gives the team of a run owner ref, and nothing for no owner', () => {
    expect(teamOfGroupRef('group:default/payments-team')).toBe('payments-team');
    expect(teamOfGroupRef('group:infra/ops')).toBeUndefined();
    expect(teamOfGroupRef('user:default/bob')).toBeUndefined();
    expect(teamOfGroupRef(undefined)).toBeUndefined();
    expect(teamOfGroupRef('')).toBeUndefined();
  });
});

describe('teamOfEntity', () => {
  it('reads spec.owner as Backstage does: a group in the entity’s namespace by default', () => {
    expect(teamOfEntity(component('team-a'))).toBe('team-a');
    expect(teamOfEntity(component('group:default/team-a'))).toBe('team-a');
    // `team-a` in namespace `other` is group:other/team-a: not a team
    expect(teamOfEntity(component('team-a', 'other'))).toBeUndefined();
    expect(teamOfEntity(component('group:default/team-a', 'other'))).toBe(
      'team-a',
    );
  });

  it('gives nothing for an owner that is missing, not a string, or not a group', () => {
    expect(teamOfEntity(component(undefined))).toBeUndefined();
    expect(teamOfEntity(component(42))).toBeUndefined();
    expect(teamOfEntity(component('  '))).toBeUndefined();
    expect(teamOfEntity(component('user:default/bob'))).toBeUndefined();
  });
});

describe('ownerRefOfEntity', () => {
  it('gives the full lower-case ref, defaults from the entity, nothing for a bad owner', () => {
    expect(ownerRefOfEntity(component(' Team-A '))).toBe(
      'group:default/team-a',
    );
    expect(ownerRefOfEntity(component('team-a', 'other'))).toBe(
      'group:other/team-a',
    );
    expect(ownerRefOfEntity(component('user:default/bob'))).toBe(
      'user:default/bob',
    );
    expect(ownerRefOfEntity(component(undefined))).toBeUndefined();
    expect(ownerRefOfEntity(component(42))).toBeUndefined();
  });
});
