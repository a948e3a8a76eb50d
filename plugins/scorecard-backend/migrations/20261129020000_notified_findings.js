// @ts-check
/**
 * The model-check findings notifications have been sent for (or that were there when they were
 * switched on), so that only a finding that newly appears is told, once, and told again only if it
 * goes away and comes back.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_known_findings', t => {
    // finding|check|entity ref|path for a finding; entity|ref for an entity looked at
    t.string('finding_key', 1000).primary();
    t.string('entity_ref', 255).notNullable();
    t.bigInteger('seen_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_known_findings');
};
