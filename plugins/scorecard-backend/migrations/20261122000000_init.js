// @ts-check
/**
 * Raw events (immutable, keyed by source and id), the catalog membership the roll-ups read,
 * daily snapshots and frozen periods. Times are epoch milliseconds in bigint columns: the same
 * range queries and the same values on SQLite and PostgreSQL, with no time-zone conversions.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_deployments', t => {
    t.string('source', 100).notNullable();
    t.string('id', 255).notNullable();
    t.string('entity_ref', 255).notNullable();
    t.string('environment', 100).notNullable();
    t.string('result', 16).notNullable();
    t.bigInteger('started_at').nullable();
    t.bigInteger('finished_at').notNullable();
    t.bigInteger('first_commit_at').nullable();
    t.string('fixes_incident', 255).nullable();
    t.text('url').nullable();
    t.bigInteger('received_at').notNullable();
    t.primary(['source', 'id']);
    t.index(
      ['entity_ref', 'finished_at'],
      'scorecard_deployments_entity_time_idx',
    );
    t.index(['finished_at'], 'scorecard_deployments_time_idx');
  });

  await knex.schema.createTable('scorecard_incidents', t => {
    t.string('source', 100).notNullable();
    t.string('id', 255).notNullable();
    t.string('entity_ref', 255).notNullable();
    t.string('severity', 50).notNullable();
    t.string('impact', 16).notNullable();
    t.bigInteger('triggered_at').notNullable();
    t.bigInteger('acknowledged_at').nullable();
    t.bigInteger('mitigated_at').nullable();
    t.bigInteger('resolved_at').nullable();
    t.string('caused_by_deployment', 255).nullable();
    t.text('title').nullable();
    t.text('url').nullable();
    t.bigInteger('received_at').notNullable();
    t.primary(['source', 'id']);
    t.index(
      ['entity_ref', 'triggered_at'],
      'scorecard_incidents_entity_time_idx',
    );
    t.index(['triggered_at'], 'scorecard_incidents_time_idx');
  });

  // Probes are one-instant buckets (length 0, total 1), so one table and one sum serve both.
  await knex.schema.createTable('scorecard_availability', t => {
    t.string('source', 100).notNullable();
    t.string('entity_ref', 255).notNullable();
    t.bigInteger('start').notNullable();
    t.integer('length_ms').notNullable();
    t.bigInteger('good').notNullable();
    t.bigInteger('total').notNullable();
    t.primary(['source', 'entity_ref', 'start']);
    t.index(['entity_ref', 'start'], 'scorecard_availability_entity_time_idx');
    t.index(['start'], 'scorecard_availability_time_idx');
  });

  // What the catalog said at the last sync: one row per entity the scorecard knows ...
  await knex.schema.createTable('scorecard_entities', t => {
    t.string('entity_ref', 255).primary();
    t.string('kind', 100).notNullable();
    t.text('title').nullable();
    t.string('owner', 255).nullable();
    t.string('lifecycle', 100).nullable();
    t.text('objectives').nullable();
    t.text('response_targets').nullable();
    t.index(['kind'], 'scorecard_entities_kind_idx');
  });
  // ... and, per entity, every entity whose events count towards it (itself included).
  await knex.schema.createTable('scorecard_members', t => {
    t.string('entity_ref', 255).notNullable();
    t.string('member_ref', 255).notNullable();
    t.primary(['entity_ref', 'member_ref']);
    t.index(['member_ref'], 'scorecard_members_member_idx');
  });

  await knex.schema.createTable('scorecard_snapshots', t => {
    t.string('entity_ref', 255).notNullable();
    t.string('day', 10).notNullable();
    t.string('metric', 50).notNullable();
    t.string('state', 20).notNullable();
    t.double('value').nullable();
    t.integer('count').notNullable();
    t.double('p50').nullable();
    t.double('p90').nullable();
    t.string('grade_status', 10).notNullable();
    t.string('grade_label', 50).notNullable();
    t.string('grade_source', 10).notNullable();
    t.string('grade_profile', 50).nullable();
    t.integer('definition_version').notNullable();
    t.integer('window_days').notNullable();
    t.bigInteger('computed_at').notNullable();
    t.primary(['entity_ref', 'metric', 'day']);
    t.index(['day'], 'scorecard_snapshots_day_idx');
  });

  await knex.schema.createTable('scorecard_frozen_periods', t => {
    t.string('name', 100).primary();
    t.bigInteger('from').notNullable();
    t.bigInteger('to').notNullable();
    t.bigInteger('frozen_at').notNullable();
    t.string('frozen_by', 255).notNullable();
  });
  await knex.schema.createTable('scorecard_frozen_scorecards', t => {
    t.string('period', 100)
      .notNullable()
      .references('name')
      .inTable('scorecard_frozen_periods')
      .onDelete('CASCADE');
    t.string('entity_ref', 255).notNullable();
    t.text('scorecard').notNullable();
    t.primary(['period', 'entity_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'scorecard_frozen_scorecards',
    'scorecard_frozen_periods',
    'scorecard_snapshots',
    'scorecard_members',
    'scorecard_entities',
    'scorecard_availability',
    'scorecard_incidents',
    'scorecard_deployments',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
};
