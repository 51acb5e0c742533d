// @ts-check

/**
 * The policy compliance of each component (score and checks, JSON) beside its vulnerabilities:
 * both come from the same read of its namespaces.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('service_health_vulnerabilities', table => {
    table
      .text('compliance')
      .nullable()
      .comment('ServiceCompliance JSON (score and checks) of the last good read');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('service_health_vulnerabilities', table => {
    table.dropColumn('compliance');
  });
};
