import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SlashCommand } from '@slack/bolt';
import { Logger } from 'pino';
import { AnswerTask, AnswerThreads, FromThread, ToThread } from './adapters/slack/answer-threads';
import { ActionContext } from './adapters/slack/listeners/action-context';
import { ButtonAnswer, answerButton } from './adapters/slack/listeners/answer-action';
import { AppHomeTask, publishAppHome } from './adapters/slack/listeners/app-home';
import { answerSlashCommand } from './adapters/slack/listeners/campaign-report-command';
import { uploadCallsCsv } from './adapters/slack/listeners/download-calls-csv-action';
import { TypedAnswer, answerTyped } from './adapters/slack/listeners/picker-actions';
import { LinkUnfurlTask, unfurlReportLinks } from './adapters/slack/listeners/report-link-unfurl';
import { unfurlSettingsOf } from './adapters/slack/listeners/register-native-surfaces';
import { createSlackSurface } from './adapters/slack/slack-surface';
import { teamsCardSettings } from './adapters/teams/answer-card';
import { TeamsMessageTask, teamsAnswerCard } from './adapters/teams/teams-answer';
import { Config, loadConfig } from './config';
import { reportWiring } from './jobs/report-deps';
import { createLogger } from './logger';
import { createDb } from './storage/connection';

/**
 * An answer is a few short indexed reads, so one PostgreSQL connection serves a thread's answers under way
 * (ANSWERS_PER_THREAD), their statements taking turns. One backend kept busy answers them with less CPU than
 * four woken in turn, and never runs two of a thread's statements beside the webhook's at once: with four,
 * the webhook kept 0.80 × its throughput under 200 answered commands a second (README, "Performance"), with
 * one 0.85 ×.
 */
const ANSWER_THREAD_CONNECTIONS = 1;

/** The answer threads' connections in pg_stat_activity; a test's or benchmark's schema is named too. */
export function answerThreadApplicationName(schema?: string): string {
  return schema ? `campaign-report answers ${schema}` : 'campaign-report answers';
}

/** What the web process gives each answer thread: its configuration's variables and how it logs. */
export interface AnswerThreadData {
  env: Record<string, string | undefined>;
  logLevel: string;
  /** The PostgreSQL schema (tests and benchmarks); production uses DATABASE_URL's. */
  schema?: string;
}

/**
 * An answer thread (src/adapters/slack/answer-threads.ts): the same Slack runtime as the web process
 * (its own database pool, the same configuration), computing and posting the answers it is handed, and
 * computing the Teams cards the web process sends.
 */
function main(data: AnswerThreadData): void {
  const config = loadConfig(data.env);
  const logger = createLogger(data.logLevel, false).child({ thread: 'answers' });
  // On Linux this lowers this thread only (elsewhere it would lower the whole process), to the lowest
  // priority: when the cores are busy, the request loop (acks, the webhook) runs first and answers take what
  // is left; on idle cores they run at full speed.
  if (process.platform === 'linux') {
    try {
      os.setPriority(os.constants.priority.PRIORITY_LOW);
    } catch (err) {
      logger.debug({ err }, 'answer thread priority unchanged');
    }
  }
  const db = createDb({
    databaseUrl: config.databaseUrl,
    schema: data.schema,
    poolMax: ANSWER_THREAD_CONNECTIONS,
    applicationName: answerThreadApplicationName(data.schema),
  });
  const { reportDeps, fullReportUrlFor } = reportWiring(config, db);
  const slack = createSlackSurface({ config, db, logger, reportDeps, fullReportUrlFor });
  const teams = { reportDeps, cards: teamsCardSettings(config, fullReportUrlFor) };
  const answer = async (task: AnswerTask): Promise<unknown> => {
    if (task.kind === 'teams-message') return teamsAnswerCard(teams, task.payload as TeamsMessageTask);
    if (!slack) throw new Error(`a ${task.kind} answer, but Slack is not configured`);
    switch (task.kind) {
      case 'slash-command':
        return answerSlashCommand(slack.runtime, task.payload as SlashCommand);
      case 'download-calls-csv':
        return uploadCallsCsv(slack.runtime, task.payload as ActionContext);
      case 'button':
        return answerButton(slack.runtime, task.payload as ButtonAnswer);
      case 'typed':
        return answerTyped(slack.runtime, task.payload as TypedAnswer);
      case 'app-home': {
        const home = task.payload as AppHomeTask;
        return publishAppHome(slack.runtime, home.team, home.userId, home.options);
      }
      case 'link-unfurl': {
        const shared = task.payload as LinkUnfurlTask;
        return unfurlReportLinks(slack.runtime, unfurlSettingsOf(config), shared.team, shared.event);
      }
    }
  };
  parentPort?.on('message', (message: ToThread) => {
    if ('stop' in message) {
      // The pool's connections end cleanly (and a --cpu-prof of the thread is written) before the thread does.
      void db.destroy().finally(() => process.exit(0));
      return;
    }
    const { id, task } = message;
    answer(task).then(
      (value) => parentPort?.postMessage({ id, value } satisfies FromThread),
      (err: unknown) => {
        logger.error({ err, task: task.kind }, 'answer failed');
        parentPort?.postMessage({ id, failed: err instanceof Error ? err.message : String(err) } satisfies FromThread);
      },
    );
  });
}

/**
 * The web process's answer threads (config.answerThreads of them), each loading this file; `env` is what
 * the configuration was read from (process.env in production).
 */
export function startAnswerThreads(
  config: Config,
  logger: Logger,
  options: { env?: Record<string, string | undefined>; schema?: string } = {},
): AnswerThreads {
  const data: AnswerThreadData = {
    env: { ...(options.env ?? process.env) },
    logLevel: config.logLevel,
    ...(options.schema ? { schema: options.schema } : {}),
  };
  return new AnswerThreads({
    entry: path.join(__dirname, `answer-thread${path.extname(__filename)}`),
    threads: config.answerThreads,
    workerData: data,
    logger,
  });
}

if (!isMainThread) main(workerData as AnswerThreadData);
