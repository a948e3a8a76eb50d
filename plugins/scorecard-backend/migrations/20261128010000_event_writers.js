// @ts-check
/**
 * Every event records the principal that wrote it (a user's entity ref, a service's subject,
 * `plugin:scorecard` for collectors), so that a source's events can be traced to whoever sent
 * them. Events stored before this migration have none.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of [
    'scorecard_deployments',
    'scorecard_incidents',
    'scorecard_availability',
  ]) {
    await knex.schema.alterTable(table, t => {
      t.text('written_by').nullable();
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'scorecard_deployments',
    'scorecard_incidents',
    'scorecard_availability',
  ]) {
    await knex.schema.alterTable(table, t => {
      t.dropColumn('written_by');
    });
  }
};
