// @ts-check
/**
 * Each Platform's adoption, from the catalog: the last look of each day, so that adoption has a
 * history like every metric (a past day cannot be computed again: the catalog keeps no history).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_adoption', t => {
    t.string('entity_ref', 255).notNullable();
    t.string('day', 10).notNullable();
    t.bigInteger('computed_at').notNullable();
    t.integer('consumers').notNullable();
    t.integer('stream_aligned_consuming').notNullable();
    t.integer('stream_aligned_total').notNullable();
    // the teams, capabilities and findings of the look, as JSON
    t.text('detail').notNullable();
    t.primary(['entity_ref', 'day']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_adoption');
};
