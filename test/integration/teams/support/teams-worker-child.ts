/**
 * A delivery worker with the Teams channel registered, in its own process (for kill -9 tests): started
 * from CHILD_SPEC (JSON), prints {"event":"ready"} once its workers listen; SIGTERM stops it gracefully.
 */
import pino from 'pino';
import { createTeamsSurface } from '../../../../src/adapters/teams/create-teams-surface';
import { loadConfig } from '../../../../src/config';
import { JobSettings } from '../../../../src/jobs/job-settings';
import { deliveryReportDeps } from '../../../../src/jobs/report-deps';
import { startWorkerRole } from '../../../../src/jobs/worker-role';
import { createDb } from '../../../../src/storage/connection';

export interface TeamsChildSpec {
  env: Record<string, string>;
  prefix: string;
  settings: Partial<JobSettings>;
}

const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.CHILD_SPEC ?? '{}') as TeamsChildSpec;
  const config = loadConfig(spec.env);
  const logger = pino({ level: process.env.CHILD_LOG_LEVEL ?? 'silent' });
  const db = createDb({ databaseUrl: config.databaseUrl, poolMax: 8 });
  const reportDeps = deliveryReportDeps(config, db);
  const teams = createTeamsSurface({
    config,
    db,
    logger,
    reportDeps,
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
  });
  const worker = await startWorkerRole({
    config,
    db,
    logger,
    reportDeps,
    queuePrefix: spec.prefix,
    settings: spec.settings,
    extraChannels: [teams.channel],
  });
  process.on('SIGTERM', () => {
    void (async () => {
      await worker.stop();
      await db.destroy();
      say({ event: 'stopped' });
      process.exit(0);
    })();
  });
  say({ event: 'ready', pid: process.pid });
}

main().catch((err: unknown) => {
  process.stderr.write(`teams worker child failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(3);
});
