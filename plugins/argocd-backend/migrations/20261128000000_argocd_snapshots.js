// @ts-check

/**
 * One row per Argo CD instance: the last good application list (gzip JSON), when it was fetched,
 * and the last refresh error. Replicas poll `version` and reload the row when it changes.
 * Plus the commit metadata of revisions (immutable, fetched once per instance/app/revision).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('argocd_snapshots', table => {
    table.comment(
      'Cached view of each Argo CD instance, written by the one replica that refreshes it',
    );
    table.string('instance', 253).primary();
    table
      .bigInteger('version')
      .notNullable()
      .defaultTo(0)
      .comment('Bumped on every write');
    table
      .timestamp('fetched_at', { useTz: true })
      .nullable()
      .comment('When payload was fetched');
    table
      .timestamp('attempted_at', { useTz: true })
      .nullable()
      .comment('Last refresh attempt');
    table
      .text('error')
      .nullable()
      .comment('Why the last attempt failed (null when it succeeded)');
    table.integer('app_count').notNullable().defaultTo(0);
    table
      .string('payload_hash', 64)
      .nullable()
      .comment(
        'sha256 of the list response; unchanged lists are not rewritten',
      );
    table
      .binary('payload')
      .nullable()
      .comment('gzip of the JSON array of applications');
  });
  await knex.schema.createTable('argocd_revision_metadata', table => {
    table.comment(
      'Commit metadata per instance/app/revision (immutable once fetched)',
    );
    table.string('instance', 253).notNullable();
    table.string('app_namespace', 253).notNullable();
    table.string('app_name', 253).notNullable();
    table.string('revision', 255).notNullable();
    table.text('author').nullable();
    table.string('date', 64).nullable();
    table.text('message').nullable();
    table.primary(['instance', 'app_namespace', 'app_name', 'revision']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('argocd_revision_metadata');
  await knex.schema.dropTable('argocd_snapshots');
};
