// @ts-check
/**
 * The earliest days events arrived late for (a backfill through the API, a collector's first read,
 * an incident updated days after it began): their snapshots, and those of the days after whose
 * windows hold them, are computed again soon rather than never.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_late_event_days', t => {
    t.string('day', 10).primary();
    t.bigInteger('marked_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_late_event_days');
};
