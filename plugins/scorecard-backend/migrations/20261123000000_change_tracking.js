// @ts-check
/**
 * What the portfolio needs to tell which platforms changed since it last computed them
 * (ScorecardService's portfolio cache, DatabaseEventStore.changedOwners):
 *  - `received_at` on every event table, set on each write (an incident's update included), with
 *    an index: a BRIN index on PostgreSQL, where rows arrive in received order and the index costs
 *    the writes almost nothing; a B-tree on SQLite.
 *  - incidents by (resolved_at, triggered_at, entity_ref): the incidents whose span crosses a
 *    window's moving edge, without reading every incident triggered before it.
 * Availability rows written before this migration get received_at 0 (received long ago).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_availability', t => {
    t.bigInteger('received_at').notNullable().defaultTo(0);
  });
  await knex.schema.alterTable('scorecard_incidents', t => {
    t.index(
      ['resolved_at', 'triggered_at', 'entity_ref'],
      'scorecard_incidents_resolved_idx',
    );
  });
  for (const table of [
    'scorecard_deployments',
    'scorecard_incidents',
    'scorecard_availability',
  ]) {
    if (knex.client.config.client === 'pg') {
      await knex.raw(
        `create index ${table}_received_brin on ${table} using brin (received_at) with (autosummarize = on)`,
      );
      // statistics for the new column now, so the planner takes the index before autovacuum
      // would have sampled the table
      await knex.raw(`analyze ${table}`);
    } else {
      await knex.schema.alterTable(table, t => {
        t.index(['received_at'], `${table}_received_idx`);
      });
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'scorecard_deployments',
    'scorecard_incidents',
    'scorecard_availability',
  ]) {
    await knex.raw(
      `drop index if exists ${
        knex.client.config.client === 'pg'
          ? `${table}_received_brin`
          : `${table}_received_idx`
      }`,
    );
  }
  await knex.schema.alterTable('scorecard_incidents', t => {
    t.dropIndex([], 'scorecard_incidents_resolved_idx');
  });
  await knex.schema.alterTable('scorecard_availability', t => {
    t.dropColumn('received_at');
  });
};
