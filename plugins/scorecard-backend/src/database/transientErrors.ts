/**
 * Errors that say the database is unreachable, overloaded or too slow right now, rather than that
 * a request or a row is wrong: worth answering with 503 and a time to come back, and never a
 * reason to blame (or skip) one entity.
 */

// PostgreSQL SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html)
const TRANSIENT_SQLSTATE_CLASSES = [
  '08', // connection exception
  '53', // insufficient resources (too many connections, out of memory or disk)
  '57', // operator intervention: statement timeout or cancel, admin shutdown, cannot connect now
];
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization failure
  '40P01', // deadlock detected
  '55P03', // lock not available (lock_timeout)
]);

// Node's socket errors, and SQLite's "the database is locked"
const TRANSIENT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

// node-postgres reports a lost connection with these messages and no code
const TRANSIENT_MESSAGES = [
  // knex puts the SQL before the driver's message, so none of these is anchored
  /Connection terminated/,
  /Client has encountered a connection error/,
  /timeout exceeded when trying to connect/,
  /Client was closed and is not queryable/,
  // a database closed to new connections (ALLOW_CONNECTIONS false) answers with a generic code
  /is not currently accepting connections/,
];

export function isTransientDatabaseError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, message } = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
  };
  // knex could not get a connection from its pool in time; a write past its deadline was undone
  if (name === 'KnexTimeoutError' || name === 'ServiceUnavailableError')
    return true;
  if (typeof code === 'string') {
    if (TRANSIENT_ERROR_CODES.has(code) || TRANSIENT_SQLSTATES.has(code))
      return true;
    if (
      /^[0-9A-Z]{5}$/.test(code) &&
      TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))
    )
      return true;
  }
  return (
    typeof message === 'string' && TRANSIENT_MESSAGES.some(m => m.test(message))
  );
}
