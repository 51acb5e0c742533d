/*
 * Who calls the loopback Git server, and what they may touch: the admin token may do anything; an
 * issued token reads (or pushes to) the repositories of its grant only.
 */
import http from 'node:http';
import { credentialsOf } from './loopbackHttp';
import { LoopbackTokenIssuer, secretEquals } from './loopbackTokens';

/** Who a request comes from: the admin, or a token with its grant. */
export interface Caller {
  admin: boolean;
  token?: string;
  repositories: string[];
  permission: 'read' | 'write';
  create: boolean;
}

/** The caller of a request, or undefined when it carries no valid secret. */
export function callerOf(
  req: http.IncomingMessage,
  adminToken: string,
  tokens: LoopbackTokenIssuer,
): Caller | undefined {
  const secret = credentialsOf(req);
  if (!secret) {
    return undefined;
  }
  if (secretEquals(secret, adminToken)) {
    return {
      admin: true,
      repositories: [],
      permission: 'write',
      create: true,
    };
  }
  const grant = tokens.lookup(secret);
  if (!grant) {
    return undefined;
  }
  return {
    admin: false,
    token: secret,
    repositories: grant.repositories,
    permission: grant.permission,
    create: grant.create,
  };
}

/** Whether the caller may read (or, with write, push to) owner/repo. */
export const mayAccess = (
  caller: Caller,
  owner: string,
  repo: string,
  write: boolean,
) =>
  caller.admin ||
  (caller.repositories.includes(`${owner}/${repo}`) &&
    (!write || caller.permission === 'write'));
