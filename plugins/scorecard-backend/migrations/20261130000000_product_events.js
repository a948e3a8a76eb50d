// @ts-check
/**
 * The platform-as-a-product events: consumer survey responses and support requests, each about a
 * Platform and from a consumer team, keyed by source and id like every event, with received_at
 * (what the portfolio's change tracking reads) and the principal that wrote them. They are few
 * beside deployments and availability, so plain B-tree indexes serve both databases. The catalog
 * copy keeps each Platform's support request targets beside its incident response targets.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_entities', t => {
    t.text('request_targets').nullable();
  });
  await knex.schema.createTable('scorecard_feedback', t => {
    t.string('source', 100).notNullable();
    t.string('id', 255).notNullable();
    t.string('entity_ref', 255).notNullable();
    t.string('team', 255).notNullable();
    t.bigInteger('responded_at').notNullable();
    t.smallint('satisfaction').nullable();
    t.smallint('recommendation').nullable();
    t.smallint('effort').nullable();
    t.string('capability', 255).nullable();
    t.text('comment').nullable();
    t.bigInteger('received_at').notNullable();
    t.text('written_by').nullable();
    t.primary(['source', 'id']);
    t.index(
      ['entity_ref', 'responded_at'],
      'scorecard_feedback_entity_time_idx',
    );
    t.index(['responded_at'], 'scorecard_feedback_time_idx');
    t.index(['received_at'], 'scorecard_feedback_received_idx');
  });
  await knex.schema.createTable('scorecard_support_requests', t => {
    t.string('source', 100).notNullable();
    t.string('id', 255).notNullable();
    t.string('entity_ref', 255).notNullable();
    t.string('team', 255).notNullable();
    t.string('channel', 100).notNullable();
    t.bigInteger('opened_at').notNullable();
    t.bigInteger('first_response_at').nullable();
    t.bigInteger('resolved_at').nullable();
    t.text('title').nullable();
    t.text('url').nullable();
    t.bigInteger('received_at').notNullable();
    t.text('written_by').nullable();
    t.primary(['source', 'id']);
    t.index(
      ['entity_ref', 'opened_at'],
      'scorecard_support_requests_entity_time_idx',
    );
    t.index(['opened_at'], 'scorecard_support_requests_time_idx');
    t.index(['received_at'], 'scorecard_support_requests_received_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_support_requests');
  await knex.schema.dropTable('scorecard_feedback');
  await knex.schema.alterTable('scorecard_entities', t => {
    t.dropColumn('request_targets');
  });
};
