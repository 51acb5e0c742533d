// @ts-check

/**
 * When the Secret holding a run's callback token was deleted: a run whose token stopped working
 * (ended, given up, expired) and has no such time still has a Secret for the sweep to delete.
 * Tokens of earlier attempts are revoked (deleted) when a new one is minted.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('provisioning_runs', table => {
    table
      .timestamp('callback_secret_removed_at', { useTz: true })
      .nullable()
      .comment(
        'When the callback token Secret of the run was deleted (null: it may still exist)',
      );
    table.index(
      ['callback_token_expires_at'],
      'provisioning_runs_token_expiry_idx',
    );
  });
  await knex.schema.alterTable('provisioning_run_tokens', table => {
    table.comment(
      'sha256 (hex) of the callback token of the current delivery attempt of a run; a new attempt revokes (deletes) the previous one',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('provisioning_runs', table => {
    table.dropIndex(
      ['callback_token_expires_at'],
      'provisioning_runs_token_expiry_idx',
    );
    table.dropColumn('callback_secret_removed_at');
  });
};
