import { CliContext } from '../cli-context';

/** `migrate`: applies the schema. Every command migrates as it opens the database; this one says what it did. */
export async function migrateCommand(ctx: CliContext): Promise<number> {
  const applied = ctx.appliedMigrations;
  ctx.out(
    applied.length > 0 ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'schema is up to date',
  );
  return 0;
}
