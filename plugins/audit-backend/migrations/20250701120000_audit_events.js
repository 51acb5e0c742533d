// @ts-check

/**
 * The audit log: one row per audit event, hash-chained (`hash` = sha256 over `prev_hash` and the
 * row's content), the chain head that writers lock to append, the checkpoints that retention
 * leaves where it cut the chain, and the id range of each hour (for time filters).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('audit_events', table => {
    table.comment(
      'Audit events of every plugin, append-only, hash-chained in id order',
    );
    table.bigIncrements('id').comment('Position in the chain, contiguous');
    table.timestamp('time', { useTz: true }).notNullable();
    table.text('plugin').notNullable();
    table.text('event_id').notNullable();
    table.text('action').notNullable().comment('<plugin>.<event_id>');
    table.text('severity').notNullable();
    table
      .text('outcome')
      .notNullable()
      .comment('initiated, succeeded or failed');
    table.text('actor_id').nullable();
    table
      .text('actor_type')
      .notNullable()
      .comment('user, service or anonymous');
    table.text('ip').nullable();
    table.text('user_agent').nullable();
    table.text('entity_ref').nullable();
    table.text('request_id').notNullable();
    table.text('request_method').nullable();
    table.text('request_url').nullable();
    table.jsonb('meta').nullable().comment('Redacted plugin metadata');
    table.text('error').nullable();
    table.text('prev_hash').notNullable();
    table.text('hash').notNullable();

    // Keyset pagination is ORDER BY id DESC: each filter's index ends with id.
    table.index(['actor_id', 'id'], 'audit_events_actor_id_idx');
    table.index(['action', 'id'], 'audit_events_action_id_idx');
    table.index(['entity_ref', 'id'], 'audit_events_entity_ref_id_idx');
    table.index(['outcome', 'id'], 'audit_events_outcome_id_idx');
    table.index(['plugin', 'id'], 'audit_events_plugin_id_idx');
    table.index(['time'], 'audit_events_time_idx');
  });

  await knex.schema.createTable('audit_event_hours', table => {
    table.comment(
      'Smallest and largest event id per hour of event time: turns a time filter into an id range (events may be written late, so ids are only roughly in time order)',
    );
    table.timestamp('hour', { useTz: true }).primary();
    table.bigInteger('min_id').notNullable();
    table.bigInteger('max_id').notNullable();
  });

  await knex.schema.createTable('audit_chain_head', table => {
    table.comment(
      'The one row that writers lock (FOR UPDATE) to append to the chain',
    );
    table.integer('id').primary().comment('Always 1');
    table
      .bigInteger('last_id')
      .notNullable()
      .comment('id of the last event, 0 when none');
    table.text('last_hash').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex('audit_chain_head').insert({
    id: 1,
    last_id: 0,
    last_hash: '0'.repeat(64),
    updated_at: new Date().toISOString(),
  });

  await knex.schema.createTable('audit_chain_checkpoints', table => {
    table.comment(
      'Where retention cut the chain: verification starts at the latest checkpoint',
    );
    table.bigIncrements('id');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table
      .bigInteger('first_kept_id')
      .notNullable()
      .comment('First event still kept');
    table
      .text('prev_hash')
      .notNullable()
      .comment('prev_hash of that event (the anchor)');
    table.timestamp('cutoff', { useTz: true }).notNullable();
    table.bigInteger('deleted_count').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_chain_checkpoints');
  await knex.schema.dropTable('audit_chain_head');
  await knex.schema.dropTable('audit_event_hours');
  await knex.schema.dropTable('audit_events');
};
