/**
 * A worker (and optionally a scheduler) in its own process, for fault tests: started from a JSON
 * description in CHILD_SPEC, it prints {"event":"ready"} once its workers listen, and on SIGTERM stops
 * gracefully and prints {"event":"stopped", "ms": …} before exiting 0.
 */
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { createDb } from '../../../src/storage/connection';
import { startWorkerRole, RunningRole } from '../../../src/jobs/worker-role';
import { startSchedulerRole } from '../../../src/jobs/scheduler-role';
import { JobSettings } from '../../../src/jobs/job-settings';

export interface ChildSpec {
  env: Record<string, string>;
  prefix: string;
  settings: Partial<JobSettings>;
  roles: ('worker' | 'scheduler')[];
  botToken: string;
}

function say(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.CHILD_SPEC ?? '{}') as ChildSpec;
  const config = loadConfig(spec.env);
  const logger = pino({ level: process.env.CHILD_LOG_LEVEL ?? 'silent' }, pino.destination(2));
  const db = createDb({ databaseUrl: config.databaseUrl, poolMax: 12 });
  const roles: RunningRole[] = [];
  if (spec.roles.includes('worker')) {
    roles.push(
      await startWorkerRole({
        config,
        db,
        logger,
        slackTokenFor: async () => spec.botToken,
        queuePrefix: spec.prefix,
        settings: spec.settings,
        slackTimeoutMs: 2_000,
      }),
    );
  }
  if (spec.roles.includes('scheduler')) {
    roles.push(
      await startSchedulerRole({
        config,
        db,
        logger,
        queuePrefix: spec.prefix,
        settings: spec.settings,
        schedulerCheckMs: 500,
      }),
    );
  }
  let stopping = false;
  process.on('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    const deadline = setTimeout(() => process.exit(1), 30_000);
    void (async () => {
      for (const role of roles.reverse()) await role.stop();
      await db.destroy();
      clearTimeout(deadline);
      say({ event: 'stopped', ms: Date.now() - started });
      process.exit(0);
    })();
  });
  say({ event: 'ready', pid: process.pid });
}

main().catch((err: unknown) => {
  process.stderr.write(`worker child failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(3);
});
