import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';

/** Which Users the catalog already holds with an email. */
export interface UserEmailIndex {
  /** Refs of the stored User entities whose `spec.profile.email` is `email` (any case). */
  usersWithEmail(email: string): Promise<string[]>;
}

/**
 * {@link UserEmailIndex} over the catalog's own search table (the stitched entities, in the
 * catalog plugin's database): the same rows the catalog's `filter=spec.profile.email=...` reads,
 * which is how sign-in finds a User.
 */
export class CatalogDatabaseUserEmailIndex implements UserEmailIndex {
  constructor(private readonly db: Knex) {}

  async usersWithEmail(email: string): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.db('search')
      .join('final_entities', 'search.entity_id', 'final_entities.entity_id')
      .where('search.key', 'spec.profile.email')
      .andWhere('search.value', email.toLocaleLowerCase('en-US'))
      .select('final_entities.entity_ref');
    return rows.map(r => r.entity_ref).filter(ref => ref.startsWith('user:'));
  }
}

/**
 * Refuses a User entity whose email another User already has: sign-in matches a User by email,
 * so two Users with one email would make an identity ambiguous (or let the second take over the
 * first's sign-in). The User that is already in the catalog keeps it; the newcomer is not
 * ingested and its processing error names both.
 */
export class UniqueUserEmailProcessor implements CatalogProcessor {
  constructor(private readonly index: UserEmailIndex) {}

  getProcessorName(): string {
    return 'PorticoUniqueUserEmailProcessor';
  }

  async postProcessEntity(entity: Entity): Promise<Entity> {
    if (entity.kind.toLocaleLowerCase('en-US') !== 'user') {
      return entity;
    }
    const email = (entity.spec as { profile?: { email?: unknown } } | undefined)
      ?.profile?.email;
    if (typeof email !== 'string' || email.trim() === '') {
      return entity;
    }
    const self = stringifyEntityRef(entity);
    const others = (await this.index.usersWithEmail(email)).filter(
      ref => ref !== self,
    );
    if (others.length > 0) {
      throw new InputError(
        `${self}: spec.profile.email ${email} is already the email of ${others.join(
          ', ',
        )}; two Users may not share an email (sign-in finds a User by its email). Keep one of them.`,
      );
    }
    return entity;
  }
}
