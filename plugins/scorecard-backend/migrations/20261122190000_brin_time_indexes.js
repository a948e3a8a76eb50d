// @ts-check
/**
 * PostgreSQL: the plain time indexes on deployments and availability become BRIN indexes.
 *
 * With a B-tree on the time column, the planner answered "these 200 entities over 28 days" by
 * walking every row of the window in time order (hundreds of thousands of rows for a snapshot
 * batch) instead of probing the (entity_ref, time) index per entity. A BRIN index still serves the
 * whole-window scans (the portfolio, retention) from a few kilobytes, and is costed so that small
 * sets of entities go through the entity index: on the benchmark's data a 200-entity batch went
 * from about 120 ms to under 10 ms. Events arrive roughly in time order, which BRIN needs.
 * SQLite keeps its B-trees; it has no BRIN.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('drop index if exists scorecard_deployments_time_idx');
  await knex.raw(
    'create index scorecard_deployments_time_brin on scorecard_deployments using brin (finished_at) with (autosummarize = on)',
  );
  await knex.raw('drop index if exists scorecard_availability_time_idx');
  await knex.raw(
    'create index scorecard_availability_time_brin on scorecard_availability using brin (start) with (autosummarize = on)',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('drop index if exists scorecard_deployments_time_brin');
  await knex.raw(
    'create index scorecard_deployments_time_idx on scorecard_deployments (finished_at)',
  );
  await knex.raw('drop index if exists scorecard_availability_time_brin');
  await knex.raw(
    'create index scorecard_availability_time_idx on scorecard_availability (start)',
  );
};
