// @ts-check
/**
 * The catalog copy keeps each Platform's capability ids, so that a survey response about a
 * capability the Platform does not declare is refused at ingestion, naming the ones it does.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_entities', t => {
    t.text('capabilities').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scorecard_entities', t => {
    t.dropColumn('capabilities');
  });
};
