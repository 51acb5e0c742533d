/** A User of a test organisation: its groups (names) and, optionally, its profile email. */
export interface OrgUser {
  memberOf: string[];
  email?: string;
}

/**
 * A catalog file (YAML documents; each written as JSON, which YAML reads) of a test
 * organisation: its Users, then its Groups (`type: team`, no children), in the order given.
 */
export function catalogOrgYaml(org: {
  users: Record<string, OrgUser>;
  groups: string[];
}): string {
  const users = Object.entries(org.users).map(([name, user]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name },
    spec: {
      ...(user.email ? { profile: { email: user.email } } : {}),
      memberOf: user.memberOf,
    },
  }));
  const groups = org.groups.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', children: [] },
  }));
  return [...users, ...groups]
    .map(entity => JSON.stringify(entity, null, 2))
    .join('\n---\n');
}
