import { Unreachable, networkErrorCode, whereOf } from '../domain/errors';

/** PostgreSQL error codes that mean "this database cannot be used as configured" rather than a fault. */
const REFUSALS: Record<string, string> = {
  '28P01': 'password authentication failed',
  '28000': 'the role may not log in',
  '3D000': 'the database does not exist',
  '3F000': 'the schema does not exist',
};

/**
 * One line for a database that cannot be reached or used (which, where, what to do), or undefined for
 * any other error. `databaseUrl` undefined: the embedded database in `embeddedDataDir`.
 */
export function describeDatabaseFailure(error: unknown, databaseUrl: string | undefined): Unreachable | undefined {
  if (!databaseUrl) return undefined;
  const where = whereOf(databaseUrl, 5432);
  const network = networkErrorCode(error);
  if (network)
    return new Unreachable(
      `cannot reach PostgreSQL at ${where} (${network}): start it, or set DATABASE_URL to one that answers`,
    );
  const refusal = REFUSALS[(error as { code?: string }).code ?? ''];
  if (refusal) return new Unreachable(`PostgreSQL at ${where} refused the connection (${refusal}): check DATABASE_URL`);
  if (/timeout acquiring a connection/i.test((error as Error).message ?? '')) {
    return new Unreachable(
      `PostgreSQL at ${where} did not answer in time: check that it runs and that DATABASE_URL points at it`,
    );
  }
  return undefined;
}
