// @ts-check
/**
 * What collectors keep between runs: their cursors (how far they have read a source, an ETag),
 * and their coverage (per entity they are meant to read: when they last read it, when they last
 * wrote events for it, and the last error in words), so that "no incidents" can be told from
 * "no incident source".
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_collector_cursors', t => {
    t.string('collector_id', 255).notNullable();
    t.string('cursor_key', 512).notNullable();
    t.text('value').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['collector_id', 'cursor_key']);
  });
  await knex.schema.createTable('scorecard_collector_coverage', t => {
    t.string('collector_id', 255).notNullable();
    t.string('entity_ref', 255).notNullable();
    t.string('source', 255).notNullable();
    t.bigInteger('last_run_at').notNullable();
    t.bigInteger('last_written_at').nullable();
    t.bigInteger('last_written_count').nullable();
    t.text('last_error').nullable();
    t.primary(['collector_id', 'entity_ref']);
    t.index(['entity_ref'], 'scorecard_collector_coverage_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_collector_coverage');
  await knex.schema.dropTable('scorecard_collector_cursors');
};
