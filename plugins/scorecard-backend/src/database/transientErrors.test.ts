import { isTransientDatabaseError } from './transientErrors';

describe('isTransientDatabaseError', () => {
  const error = (message: string, fields: Record<string, unknown> = {}) =>
    Object.assign(new Error(message), fields);

  it.each([
    // node-postgres, with knex's SQL in front, when the server drops the connection mid-query
    error(
      'select * from "scorecard_deployments" - Connection terminated unexpectedly',
    ),
    error('ROLLBACK - Connection terminated unexpectedly'),
    error('terminating connection due to administrator command', {
      code: '57P01',
    }),
    error('canceling statement due to statement timeout', { code: '57014' }),
    error('sorry, too many clients already', { code: '53300' }),
    error('could not obtain lock', { code: '55P03' }),
    error('deadlock detected', { code: '40P01' }),
    error('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
    error('database "x" is not currently accepting connections', {
      code: '55000',
    }),
    error('database is locked', { code: 'SQLITE_BUSY' }),
    error('Knex: Timeout acquiring a connection.', {
      name: 'KnexTimeoutError',
    }),
  ])('takes "%s" for the database being away or too slow', e => {
    expect(isTransientDatabaseError(e)).toBe(true);
  });

  it.each([
    error('relation "scorecard_incidents" does not exist', { code: '42P01' }),
    error('value "2430560284" is out of range for type integer', {
      code: '22003',
    }),
    error('refused by the test', { code: 'P0001' }),
    error('SQLITE_CONSTRAINT: refused by the test', {
      code: 'SQLITE_CONSTRAINT_TRIGGER',
    }),
    new TypeError("Cannot read properties of undefined (reading 'x')"),
    undefined,
  ])('does not take %s for it', e => {
    expect(isTransientDatabaseError(e)).toBe(false);
  });
});
