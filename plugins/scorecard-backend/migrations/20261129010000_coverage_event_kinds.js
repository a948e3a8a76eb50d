// @ts-check
/**
 * The kinds of events each collector writes, beside its coverage of an entity: an entity read for
 * incidents has an incident source, so an uptime from incidents (none: 100 %) stands on something
 * rather than on the absence of any data.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_collector_coverage', t => {
    // comma-separated kinds (deployments, incidents, availability); null when not declared
    t.string('event_kinds', 100).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scorecard_collector_coverage', t => {
    t.dropColumn('event_kinds');
  });
};
