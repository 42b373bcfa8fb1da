import { Config, ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { createDb, migrateLatest } from './storage/connection';
import { describeDatabaseFailure } from './storage/database-reachability';
import { ensureRedisReachable } from './jobs/redis-reachability';
import { Unreachable } from './domain/errors';
import { ensureDefaultAccount } from './storage/accounts';
import { forkWebProcesses, isForkedWebProcess, reportWebListening } from './http/web-processes';
import { createSlackSurface } from './adapters/slack/slack-surface';
import { createTeamsSurface } from './adapters/teams/create-teams-surface';
import { TeamsMessageTask } from './adapters/teams/teams-answer';
import { AdaptiveCard } from './render/teams/card';
import { isTeamsEnabled } from './adapters/teams/bot-authentication';
import { reportWiring } from './jobs/report-deps';
import { startWorkerRole } from './jobs/worker-role';
import { startSchedulerRole } from './jobs/scheduler-role';
import { startAnswerThreads } from './answer-thread';
import { startWebRole } from './web-role';

/**
 * One line for what keeps the program from starting (a database or Redis that does not answer, a port in
 * use: which, where, what to do); any other error is thrown on, with its stack.
 */
function failedToStart(error: unknown, config: Config): never {
  const portInUse = (error as { code?: string }).code === 'EADDRINUSE';
  const line = portInUse
    ? new Unreachable(`port ${config.port} is already in use: stop what listens there, or set PORT to a free one`)
    : error instanceof Unreachable
      ? error
      : describeDatabaseFailure(error, config.databaseUrl);
  if (!line) throw error;
  process.stderr.write(`campaign-report cannot start: ${line.message}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Composition root: reads configuration, opens the database, and starts the roles ROLE asks for. With
 * WEB_CONCURRENCY above 1 the web role runs in that many forked copies of this program (ROLE=web).
 */
async function main(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const forked = isForkedWebProcess();
  const db = createDb({ databaseUrl: config.databaseUrl, embeddedDataDir: config.embeddedDataDir });
  const runs = (role: Config['role']) => config.role === 'all' || config.role === role;
  if (!forked) {
    await migrateLatest(db);
    await ensureDefaultAccount(db, config.defaultTimeZone);
  }
  if (runs('worker') || runs('scheduler')) await ensureRedisReachable(config.redisUrl);

  const { reportDeps, links, fullReportUrlFor } = reportWiring(config, db);
  // Stopped in reverse order: the HTTP server first, then what it feeds, then the workers.
  const stops: (() => Promise<void>)[] = [];
  const servesHttp = runs('web') && (forked || config.webConcurrency <= 1);
  const slackWanted = Boolean(config.slack.botToken || config.slack.clientId);
  const offload =
    servesHttp && (slackWanted || isTeamsEnabled(config)) && config.answerThreads > 0
      ? startAnswerThreads(config, logger)
      : undefined;
  if (offload) stops.push(() => offload.close());
  const slack = createSlackSurface({ config, db, logger, reportDeps, fullReportUrlFor, offload });
  const answerInThread = offload
    ? (task: TeamsMessageTask) => offload.compute({ kind: 'teams-message', payload: task }) as Promise<AdaptiveCard>
    : undefined;
  const teams = isTeamsEnabled(config)
    ? createTeamsSurface({
        config,
        db,
        logger,
        reportDeps,
        fullReportUrlFor,
        ...(answerInThread ? { answerInThread } : {}),
      })
    : undefined;
  logger.info(
    {
      role: config.role,
      slack: slack ? slack.mode : 'off',
      teams: teams ? 'on' : 'off',
      email: config.email.smtpUrl ? 'on' : 'off',
      answerThreads: offload ? config.answerThreads : 0,
    },
    'starting',
  );

  if (runs('worker')) {
    const worker = await startWorkerRole({
      config,
      db,
      logger,
      reportDeps,
      links,
      slackTokenFor: slack ? (workspaceId) => slack.tokenFor(workspaceId) : undefined,
      extraChannels: teams ? [teams.channel] : [],
    });
    stops.push(() => worker.stop());
  }
  if (runs('scheduler')) {
    const scheduler = await startSchedulerRole({ config, db, logger });
    stops.push(() => scheduler.stop());
  }
  if (runs('web') && !forked && config.webConcurrency > 1) {
    const web = await forkWebProcesses(config.webConcurrency, {
      env: { ROLE: 'web' },
      logger,
      onGiveUp: () => {
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      },
    });
    stops.push(() => web.stop());
  } else if (runs('web')) {
    const web = await startWebRole({ config, db, logger, reportDeps, slack, teams });
    stops.push(() => web.stop());
    if (forked) reportWebListening();
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => process.exit(1), 30_000);
    deadline.unref();
    for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'stop failed'));
    await db.destroy();
    process.exit(); // process.exitCode: 0 unless the web processes gave up
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

const config = readConfig();
main(config).catch((error: unknown) => failedToStart(error, config));
