import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './db-unavailable';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', coded('ECONNRESET')],
    ['an unresolvable host', coded('ENOTFOUND')],
    ['pg-pool giving up', new Error('timeout exceeded when trying to connect')],
    ['pg connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a connection the server closed', new Error('Connection terminated unexpectedly')],
    ['the statement timeout', coded('57014', 'canceling statement due to statement timeout')],
    ['pg_terminate_backend', coded('57P01', 'terminating connection due to administrator command')],
    ['a database starting up', coded('57P03', 'the database system is starting up')],
    ['too many connections', coded('53300')],
    ['a lock timeout', coded('55P03')],
    ['a broken connection class 08', coded('08006')],
    ['SQLite locked beyond the busy timeout', coded('SQLITE_BUSY', 'database is locked')],
    ['SQLite busy snapshot', coded('SQLITE_BUSY_SNAPSHOT')],
    ['SQLite I/O', coded('SQLITE_IOERR_WRITE')],
    ['SQLite disk full', coded('SQLITE_FULL')],
    ['a store used while closing', new TypeError('The database connection is not open')],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('looks through causes and the attempts of an AggregateError', () => {
    const bothLoopbacks = new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], '');
    expect(isDatabaseUnavailable(bothLoopbacks)).toBe(true);
    expect(isDatabaseUnavailable(new Error('migration failed', { cause: coded('57P01') }))).toBe(true);
  });

  it.each([
    ['a bug', new Error('database exploded')],
    ['a syntax error', coded('42601')],
    ['a unique violation', coded('23505')],
    ['a constraint failure in SQLite', coded('SQLITE_CONSTRAINT_PRIMARYKEY')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops at a cycle of causes', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
