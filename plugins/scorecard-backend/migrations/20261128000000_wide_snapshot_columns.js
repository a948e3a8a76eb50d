// @ts-check
/**
 * Snapshot figures as wide as what they count. A snapshot's `count` is the number of data points
 * behind a metric, and for uptime from availability data that is the number of requests in the
 * window: a busy entity passes the 32-bit integer range within a month, and one such row made the
 * whole snapshot run fail. The grade's label and profile come from benchmark profiles that modules
 * add, so they are not bounded by us either.
 *
 * PostgreSQL only: SQLite's INTEGER already holds 64-bit values and it does not enforce lengths.
 * Existing rows keep their values.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(
    `alter table scorecard_snapshots
       alter column count type bigint,
       alter column grade_label type text,
       alter column grade_profile type text`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(
    `alter table scorecard_snapshots
       alter column count type integer,
       alter column grade_label type varchar(50),
       alter column grade_profile type varchar(50)`,
  );
};
