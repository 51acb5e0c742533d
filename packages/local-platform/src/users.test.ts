import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  describeUsers,
  dexLikeUsers,
  LOCAL_GROUP_PREFIX,
  LOCAL_USERS,
} from './users';

const ORG = parseAllDocuments(
  fs.readFileSync(path.resolve(__dirname, '../../../catalog/org.yaml'), 'utf8'),
).map(doc => doc.toJSON());
const catalogUser = (name: string) =>
  ORG.find(e => e?.kind === 'User' && e.metadata?.name === name);

describe('LOCAL_USERS', () => {
  it('are the owner, another team, the admin and the auditor of the example catalog', () => {
    const role = (login: string) =>
      LOCAL_USERS.find(u => u.login === login)?.role;
    expect(role('bob')).toMatch(/owner/);
    expect(role('carol')).toMatch(/another team/);
    expect(role('alice')).toMatch(/admin/);
    expect(role('erin')).toMatch(/auditor/);
  });

  it.each(LOCAL_USERS.map(u => [u.login, u]))(
    '%s matches its catalog User (email, entity ref, teams in the groups claim)',
    (login, user) => {
      const entity = catalogUser(login);
      expect(entity).toBeDefined();
      expect(user.email).toBe(entity.spec.profile.email);
      expect(user.entityRef).toBe(`user:default/${login}`);
      expect(user.groups).toEqual(
        entity.spec.memberOf.map((g: string) => `${LOCAL_GROUP_PREFIX}${g}`),
      );
    },
  );

  it('have distinct, local-only passwords', () => {
    const passwords = LOCAL_USERS.map(u => u.password);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const u of LOCAL_USERS) expect(u.password).toBe(`${u.login}-portico`);
  });

  it('are given to the provider with their password and to callers without the claims', () => {
    expect(dexLikeUsers().bob).toEqual({
      email: 'bob@portico.example',
      name: 'Bob Brennan',
      groups: ['portico-local:payments-team'],
      password: 'bob-portico',
    });
    expect(Object.keys(describeUsers()[0]).sort()).toEqual([
      'email',
      'entityRef',
      'login',
      'password',
      'role',
    ]);
  });
});
