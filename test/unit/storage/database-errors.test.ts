import { isDatabaseUnavailable, isRefusedValue } from '../../../src/storage/database-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('what a failed statement says about the database', () => {
  it('calls the database unavailable for network errors, shutdowns, too many connections and pool timeouts', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '53300', '08006'])
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(true);
  });

  it('does not call a refused value or a bug unavailable', () => {
    for (const error of [
      withCode('22021'),
      withCode('23505'),
      withCode('42P01'),
      new TypeError('x is undefined'),
      null,
      'text',
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });

  it('calls data exceptions and size limits refused values, and nothing else', () => {
    for (const code of ['22021', '22008', '22003', '22P05', '54000']) expect(isRefusedValue(withCode(code))).toBe(true);
    for (const code of ['23505', '57P01', 'ECONNRESET', '2200']) expect(isRefusedValue(withCode(code))).toBe(false);
    expect(isRefusedValue(undefined)).toBe(false);
  });
});
