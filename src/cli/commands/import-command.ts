import { importFile } from '../../ingest/import-file';
import { parseCommandArgs, printJson, requirePositional } from '../args';
import { CliContext } from '../cli-context';
import { requireAccount } from '../../reports/report-context';
import { erasureKeyFrom } from '../../domain/forgotten-identifiers';
import { notifyWorkersOfImport } from '../notify-workers';

const USAGE = '<file.csv or file.ndjson> [--account A] [--skip-invalid] [--json]';
const SHOWN_PROBLEMS = 50;

/** `import`: loads call records and events; prints accepted / duplicates / updated / rejected. */
export async function importCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'import',
    argv,
    { account: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
  );
  const file = requirePositional(positionals, 0, 'a file', 'import', USAGE);
  const accountId = values.account ?? 'default';
  await requireAccount(ctx.db, accountId);
  const started = new Date();
  const result = await importFile(ctx.db, accountId, file, {
    skipInvalid: values['skip-invalid'],
    erasureKey: ctx.config.encryptionKey && erasureKeyFrom(ctx.config.encryptionKey),
  });
  const invalidAndNothingStored = result.rejected > 0 && !values['skip-invalid'];
  if (!invalidAndNothingStored && result.accepted + result.updated > 0) {
    await notifyWorkersOfImport(ctx, accountId, new Date(started.getTime() - 1_000));
  }
  if (values.json) {
    printJson(ctx.out, {
      accepted: result.accepted,
      duplicates: result.duplicates,
      updated: result.updated,
      rejected: result.rejected,
      stored: !invalidAndNothingStored,
      rejectFile: result.rejectFile,
      errors: result.problems,
      errors_total: result.problemsTotal,
    });
    return invalidAndNothingStored ? 2 : 0;
  }
  for (const problem of result.problems.slice(0, SHOWN_PROBLEMS)) {
    const where = problem.line !== undefined ? `line ${problem.line}` : `index ${problem.index}`;
    ctx.err(`${where}, ${problem.field}: ${problem.message}`);
  }
  const unshown = result.problemsTotal - Math.min(result.problems.length, SHOWN_PROBLEMS);
  if (unshown > 0) {
    const where = values['skip-invalid']
      ? `every rejected record is in ${result.rejectFile}`
      : 'import with --skip-invalid to get every rejected record in a file';
    ctx.err(`… and ${unshown} more problem(s) (--json lists the first ${result.problems.length}; ${where})`);
  }
  if (invalidAndNothingStored) {
    ctx.err(
      `${result.rejected} invalid record(s): nothing was stored. Fix them, or import with --skip-invalid to store the valid ones.`,
    );
    return 2;
  }
  ctx.out(
    `accepted ${result.accepted}, duplicates ${result.duplicates}, updated ${result.updated}, rejected ${result.rejected}`,
  );
  if (result.rejectFile) ctx.out(`rejected records with their reasons: ${result.rejectFile}`);
  return 0;
}
