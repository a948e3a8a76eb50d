import type { Knex } from 'knex';

/** How long a statement may run, and how long a request may wait for a connection. */
export type StatementLimits = {
  statementTimeoutMs: number;
  connectionTimeoutMs: number;
};

// Marks a connection with the statement timeout it was given, so that it is set once per connection.
const STATEMENT_TIMEOUT = Symbol('opmodel.scorecard.statementTimeout');

type PgConnection = {
  [STATEMENT_TIMEOUT]?: number;
  query(sql: string): Promise<unknown>;
};

type TarnPool = {
  acquireTimeoutMillis?: number;
  on(
    event: 'acquireSuccess',
    handler: (eventId: number, connection: PgConnection) => void,
  ): void;
};

/**
 * Bounds every statement of this plugin's knex client on PostgreSQL, so that a locked table or an
 * overloaded server answers a request with an error (turned into 503 by the router) instead of
 * holding it until the lock goes; and bounds the wait for a pool connection, so that an
 * unreachable server does too.
 *
 * Backstage creates the client and its pool, so the timeout is set on each connection as the pool
 * hands it out, the first time: node-postgres runs a connection's queries in the order they were
 * sent, and the pool's acquire event comes before the caller can send anything.
 *
 * SQLite has no server to wait for; its locks are bounded by the driver's busy timeout.
 */
export function limitStatements(knex: Knex, limits: StatementLimits): void {
  if (knex.client.config.client !== 'pg') return;
  const pool = (knex.client as { pool?: TarnPool }).pool;
  if (!pool) return;
  const { statementTimeoutMs, connectionTimeoutMs } = limits;
  pool.on('acquireSuccess', (_eventId, connection) => {
    if (connection[STATEMENT_TIMEOUT] === statementTimeoutMs) return;
    connection[STATEMENT_TIMEOUT] = statementTimeoutMs;
    // a failure here shows as the caller's own query failing on the same connection
    connection
      .query(`set statement_timeout = ${Math.round(statementTimeoutMs)}`)
      .catch(() => undefined);
  });
  if (
    typeof pool.acquireTimeoutMillis !== 'number' ||
    pool.acquireTimeoutMillis > connectionTimeoutMs
  ) {
    pool.acquireTimeoutMillis = connectionTimeoutMs;
  }
}
