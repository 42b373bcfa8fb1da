import { networkErrorCode } from '../domain/errors';

/**
 * What a failed statement says about the database. Senders retry a 503 (the database is away) and must not
 * retry a value PostgreSQL refuses (a 400); only the rest is our bug.
 */

/** PostgreSQL's own "going away" codes (class 08, 57P0x, 53300); network errors are the domain's. */
const UNAVAILABLE_CODES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
]);

/** Messages of pg and knex that carry no code. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'Knex: Timeout acquiring a connection',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as ErrorLike;
  if (networkErrorCode(error) !== undefined) return true;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text))) return true;
  // Connecting to every address of a host fails as one AggregateError.
  return Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner));
}

/**
 * A value PostgreSQL refuses to store: class 22 (data exception: bad encoding, a time or number out of
 * range) or 54 (a value over a size limit). The validator refuses these first; this is the backstop.
 */
export function isRefusedValue(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as ErrorLike).code : undefined;
  return typeof code === 'string' && /^(22|54)[0-9A-Z]{3}$/.test(code);
}
