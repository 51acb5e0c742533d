// @ts-check

/**
 * One row per GitHub repository the source reader reads: the last good read (JSON, as the API
 * serves it, alert details included), when it was read, and the last attempt's error.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('service_health_github_repos', table => {
    table.comment(
      'GitHub data of catalog components (github.com/project-slug), written by the one replica that runs the read',
    );
    table.string('slug', 201).primary().comment('owner/repo, lower case');
    table
      .text('data')
      .nullable()
      .comment('RepositoryData JSON of the last good read');
    table.timestamp('fetched_at', { useTz: true }).nullable();
    table.timestamp('attempted_at', { useTz: true }).notNullable();
    table.text('error').nullable().comment('Why the last attempt failed');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('service_health_github_repos');
};
