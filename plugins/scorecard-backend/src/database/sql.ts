import type { Knex } from 'knex';

/*
 * What every store of the scorecard's database shares: numbers as the drivers return them, rows
 * in statements of bounded size, and the one upsert whose SQL differs between PostgreSQL and
 * SQLite.
 */

// Rows per INSERT statement: well under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;

// PostgreSQL returns bigint and sums as strings; everything crosses this boundary as a number.
export const num = (v: unknown): number =>
  typeof v === 'number' ? v : Number(v);
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : num(v);

export function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Inserts rows, or on a key conflict updates them as `update` says (a column name takes the new
 * value; a raw expression may refer to `excluded` and the table). On PostgreSQL the rows travel
 * as one JSON parameter that `json_populate_recordset` turns into rows of the table's own column
 * types, one statement for thousands of rows; elsewhere as multi-row inserts of CHUNK rows. Rows
 * are written in the order given.
 */
export async function upsert<R extends Record<string, unknown>>(
  tx: Knex.Transaction,
  table: string,
  rows: R[],
  options: {
    conflict: (keyof R & string)[];
    update: Partial<Record<keyof R & string, 'excluded' | 'keep-earlier'>>;
  },
) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]) as (keyof R & string)[];
  const q = (c: string) => `"${c}"`;
  if (tx.client.config.client === 'pg') {
    const set = Object.entries(options.update)
      .map(([c, how]) =>
        how === 'keep-earlier'
          ? `${q(c)} = coalesce(excluded.${q(c)}, ${table}.${q(c)})`
          : `${q(c)} = excluded.${q(c)}`,
      )
      .join(', ');
    for (const part of chunks(rows, 5000)) {
      await tx.raw(
        `insert into ${table} (${columns.map(q).join(', ')})
         select ${columns.map(q).join(', ')}
         from json_populate_recordset(null::${table}, ?::json)
         on conflict (${options.conflict
           .map(q)
           .join(', ')}) do update set ${set}`,
        [JSON.stringify(part)],
      );
    }
    return;
  }
  const merge: Record<string, Knex.Raw> = {};
  for (const [c, how] of Object.entries(options.update)) {
    merge[c] =
      how === 'keep-earlier'
        ? tx.raw(`coalesce(excluded.??, ??.??)`, [c, table, c])
        : tx.raw('excluded.??', [c]);
  }
  for (const part of chunks(rows)) {
    await tx(table)
      .insert(part as any[])
      .onConflict(options.conflict)
      .merge(merge);
  }
}
