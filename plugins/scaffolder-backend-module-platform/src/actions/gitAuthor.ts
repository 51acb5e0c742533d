import { UserEntity } from '@backstage/catalog-model';

/** Commit author from the task's user entity: profile display name and email. */
export function gitAuthorOf(user?: { entity?: UserEntity; ref?: string }): {
  name: string;
  email: string;
} {
  const entity = user?.entity;
  const name =
    entity?.spec?.profile?.displayName ??
    entity?.metadata?.name ??
    user?.ref ??
    'Portico Scaffolder';
  const email =
    entity?.spec?.profile?.email ??
    `${entity?.metadata?.name ?? 'scaffolder'}@users.noreply.portico.local`;
  // Strip what git would reject in an identity.
  const clean = (v: string) => v.replace(/[<>\r\n\0]/g, '').trim() || 'unknown';
  return { name: clean(name), email: clean(email) };
}
