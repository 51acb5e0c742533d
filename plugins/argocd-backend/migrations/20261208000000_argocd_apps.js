// @ts-check

/**
 * Watch instead of poll (issue 16): one row per application, written in small batches by the one
 * replica that watches the instance, each with the instance's change sequence at that write, so
 * every replica reads only the rows after the last sequence it applied. A deleted application is
 * a tombstone (deleted = true, no body) with a new sequence. The instance row (argocd_snapshots)
 * keeps the sequence, the resourceVersion a watch resumes from and when it last listed; the whole
 * gzipped list (payload) is no longer kept.
 *
 * Several replicas starting at once: knex's migration lock (argocd_knex_migrations_lock) runs
 * this once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('argocd_apps', table => {
    table.comment(
      'The compact form of each Argo CD application, written by the replica watching its instance',
    );
    table.string('instance', 253).notNullable();
    table.string('app_namespace', 253).notNullable();
    table.string('app_name', 253).notNullable();
    table
      .bigInteger('seq')
      .notNullable()
      .comment('The instance sequence at the last write of this row');
    table.boolean('deleted').notNullable().defaultTo(false);
    table.string('resource_version', 64).nullable();
    table
      .string('hash', 32)
      .nullable()
      .comment('sha1 of the body (what a relist compares)');
    table.text('labels').nullable().comment('JSON object of the labels');
    table.text('body').nullable().comment('compact application JSON');
    table
      .binary('body_gz')
      .nullable()
      .comment('gzip of the compact JSON, instead of body, when it is big');
    table.primary(['instance', 'app_namespace', 'app_name']);
    table.index(['instance', 'seq'], 'argocd_apps_instance_seq_idx');
  });
  await knex.schema.alterTable('argocd_snapshots', table => {
    table
      .bigInteger('seq')
      .notNullable()
      .defaultTo(0)
      .comment('Last change sequence written to argocd_apps');
    table
      .string('resource_version', 64)
      .nullable()
      .comment('Where the watch resumes (the last event or list seen)');
    table
      .timestamp('listed_at', { useTz: true })
      .nullable()
      .comment('Last full list');
  });
  await knex.schema.alterTable('argocd_snapshots', table => {
    table.dropColumn('payload');
    table.dropColumn('payload_hash');
  });
  // the old snapshots are not rows: the watcher lists every instance again
  await knex('argocd_snapshots').update({ version: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('argocd_snapshots', table => {
    table.dropColumn('seq');
    table.dropColumn('resource_version');
    table.dropColumn('listed_at');
    table.string('payload_hash', 64).nullable();
    table.binary('payload').nullable();
  });
  await knex.schema.dropTable('argocd_apps');
};
