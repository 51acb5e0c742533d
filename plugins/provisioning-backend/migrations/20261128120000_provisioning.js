// @ts-check

/**
 * Provisioning runs, their progress reports, and the outbox that delivers each run to the Argo
 * Events webhook. The run and its outbox row are written in one transaction.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('provisioning_runs', table => {
    table.comment('One provisioning run per trigger');
    table.uuid('id').primary();
    table.text('template').notNullable();
    table.text('entity_ref').notNullable();
    table
      .text('owner')
      .nullable()
      .comment("The entity's owner at trigger time");
    table.text('user_ref').notNullable();
    table
      .jsonb('parameters')
      .notNullable()
      .comment('Workflow inputs; secrets are refused at trigger time');
    table
      .text('status')
      .notNullable()
      .comment('queued, delivering, running, succeeded or failed');
    table.text('failure_reason').nullable();
    table
      .timestamp('callback_token_expires_at', { useTz: true })
      .nullable()
      .comment(
        'Callback tokens are refused after this (set at delivery: now + TTL)',
      );
    table.integer('last_event_seq').notNullable().defaultTo(0);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['created_at', 'id'], 'provisioning_runs_created_idx');
    table.index(['entity_ref', 'created_at'], 'provisioning_runs_entity_idx');
    table.index(['owner', 'created_at'], 'provisioning_runs_owner_idx');
    table.index(['status', 'created_at'], 'provisioning_runs_status_idx');
  });

  await knex.schema.createTable('provisioning_run_events', table => {
    table.comment('Progress reports of the workflow, in order of arrival');
    table
      .uuid('run_id')
      .notNullable()
      .references('id')
      .inTable('provisioning_runs')
      .onDelete('CASCADE');
    table.integer('seq').notNullable();
    table
      .text('event_id')
      .notNullable()
      .comment("The workflow's id, for replay detection");
    table.text('step').notNullable();
    table.text('status').notNullable();
    table.text('message').nullable();
    table.jsonb('resources').notNullable();
    table.boolean('final').notNullable().defaultTo(false);
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.primary(['run_id', 'seq']);
    table.unique(['run_id', 'event_id'], {
      indexName: 'provisioning_run_events_event_id_uq',
    });
  });

  await knex.schema.createTable('provisioning_run_tokens', table => {
    table.comment(
      'sha256 (hex) of the callback tokens of a run: one minted per delivery attempt (the token travels only in the webhook body), so a workflow started by an attempt whose answer was lost can still report',
    );
    table
      .uuid('run_id')
      .notNullable()
      .references('id')
      .inTable('provisioning_runs')
      .onDelete('CASCADE');
    table.text('token_hash').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['run_id', 'token_hash']);
  });

  await knex.schema.createTable('provisioning_outbox', table => {
    table.comment(
      'One delivery of a run to the Argo Events webhook; claimed with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL)',
    );
    table.bigIncrements('id');
    table
      .uuid('run_id')
      .notNullable()
      .references('id')
      .inTable('provisioning_runs')
      .onDelete('CASCADE');
    table.text('idempotency_key').notNullable().unique();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).notNullable();
    table.timestamp('locked_until', { useTz: true }).nullable();
    table.text('claimed_by').nullable();
    table.timestamp('delivered_at', { useTz: true }).nullable();
    table.timestamp('given_up_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['next_attempt_at'], 'provisioning_outbox_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('provisioning_outbox');
  await knex.schema.dropTable('provisioning_run_tokens');
  await knex.schema.dropTable('provisioning_run_events');
  await knex.schema.dropTable('provisioning_runs');
};
