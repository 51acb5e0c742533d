// @ts-check

/**
 * One row per catalog component the cluster reader looked at: what it found in the running
 * images (trivy-operator VulnerabilityReports) or why there is nothing, and the last error.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('service_health_vulnerabilities', table => {
    table.comment(
      'CVEs in the running images of each component, written by the one replica that runs the cluster read',
    );
    table.string('entity_ref', 500).primary();
    table
      .string('state', 16)
      .notNullable()
      .comment("'ok' or 'no-data' (then reason says why)");
    table.string('reason', 32).nullable();
    table
      .text('images')
      .nullable()
      .comment('ImageFindings[] JSON of the last good read');
    table.timestamp('read_at', { useTz: true }).nullable();
    table.timestamp('attempted_at', { useTz: true }).notNullable();
    table.text('error').nullable().comment('Why the last attempt failed');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('service_health_vulnerabilities');
};
