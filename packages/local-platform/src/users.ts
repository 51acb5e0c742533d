import type { LocalUser } from './types';

/**
 * The prefix the Dex-like provider puts in front of every group of the `groups` claim, as Dex's
 * GitHub connector puts `<org>:`; the portal's sign-in resolver strips it (`stripGroupPrefix`)
 * and ignores groups without it.
 */
export const LOCAL_GROUP_PREFIX = 'portico-local:';

/** A user of the Dex-like provider: the banner's fields plus the claims the provider sends. */
export interface LocalDexUser extends LocalUser {
  name: string;
  /** The `groups` claim values (with {@link LOCAL_GROUP_PREFIX}). */
  groups: string[];
}

const user = (
  login: string,
  name: string,
  teams: string[],
  role: string,
): LocalDexUser => ({
  login,
  // LOCAL ONLY: fixed, memorable passwords of the local Dex-like provider (make start, the
  // browser journeys). They exist nowhere else and must never be used outside this machine.
  password: `${login}-portico`,
  email: `${login}@portico.example`,
  entityRef: `user:default/${login}`,
  role,
  name,
  groups: teams.map(team => `${LOCAL_GROUP_PREFIX}${team}`),
});

/**
 * The example users of catalog/org.yaml (same emails, same teams). Admin and auditor rights come
 * from catalog membership (portico-admins, auditors), never from the groups claim; the claim
 * carries the teams as a GitHub connector would.
 */
export const LOCAL_USERS: readonly LocalDexUser[] = [
  user(
    'bob',
    'Bob Brennan',
    ['payments-team'],
    "owner: payments-team's services",
  ),
  user(
    'carol',
    'Carol Castillo',
    ['storefront-team'],
    'member of another team (storefront-team)',
  ),
  user(
    'dan',
    'Dan Dimitrov',
    ['payments-team'],
    "owner: payments-team's services",
  ),
  user(
    'alice',
    'Alice Andersen',
    ['platform-team', 'portico-admins'],
    'admin (platform-team, portico-admins)',
  ),
  user('erin', 'Erin Eriksen', ['auditors'], 'auditor (read-only, everything)'),
];

/** The users as the Dex-like provider's configuration takes them, keyed by login. */
export function dexLikeUsers(users: readonly LocalDexUser[] = LOCAL_USERS) {
  return Object.fromEntries(
    users.map(u => [
      u.login,
      { email: u.email, name: u.name, groups: u.groups, password: u.password },
    ]),
  );
}

/** The users as LocalPlatform.users shows them (no provider claims). */
export function describeUsers(
  users: readonly LocalDexUser[] = LOCAL_USERS,
): LocalUser[] {
  return users.map(({ login, password, email, entityRef, role }) => ({
    login,
    password,
    email,
    entityRef,
    role,
  }));
}
