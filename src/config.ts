import { z } from 'zod';
import { FetchAllowList, parseFetchAllowList } from './domain/network-address';
import { isValidTimeZone } from './domain/time-zone';

/**
 * The only reader of process.env (docs/architecture.md). Every variable of docs/configuration.md, validated once;
 * all problems are reported together and no secret value is ever echoed.
 */

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number greater than 0' });
        return z.NEVER;
      }
      return parsed;
    });

const optionalUrl = () =>
  optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      return new URL(value).toString();
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a URL such as http://localhost:3000' });
      return z.NEVER;
    }
  });

/** Answer threads per web process when ANSWER_THREADS is unset (and DATABASE_URL is set). */
export const DEFAULT_ANSWER_THREADS = 1;

const url = (fallback: string) => optionalUrl().transform((value) => value ?? new URL(fallback).toString());

const timeZone = optionalText.transform((value, ctx) => {
  const zone = value ?? 'Asia/Ho_Chi_Minh';
  if (!isValidTimeZone(zone)) {
    ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' });
    return z.NEVER;
  }
  return zone;
});

const encryptionKey = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 32) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 bytes in base64 (make one with: openssl rand -base64 32)' });
    return z.NEVER;
  }
  return bytes;
});

/** A link-signing secret long enough that it cannot be guessed. */
const linkSecret = optionalText.transform((value, ctx) => {
  if (value !== undefined && value.length < 32) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be at least 32 characters (make one with: openssl rand -base64 32)',
    });
    return z.NEVER;
  }
  return value;
});

const fetchAllowList = optionalText.transform((value, ctx) => {
  const parsed = parseFetchAllowList(value);
  if (!parsed.ok) {
    ctx.addIssue({
      code: 'custom',
      message: `${parsed.bad.join(', ')}: not a host name or network (write e.g. recordings.internal, 10.20.0.0/16)`,
    });
    return z.NEVER;
  }
  return parsed.value;
});

const envSchema = z.object({
  /** PostgreSQL; unset: an embedded database (PGlite) in ./.data. */
  DATABASE_URL: optionalText,
  /** Redis for the job queues. */
  REDIS_URL: optionalText.transform((value) => value ?? 'redis://127.0.0.1:6379'),
  /** Prefix of the job queues' Redis keys (deployments sharing one Redis each need their own). */
  QUEUE_PREFIX: optionalText.transform((value) => value ?? 'campaign-report'),
  /** The one HTTP server (Slack, Teams, webhook, links). */
  PORT: positiveInt(3000),
  /** How users reach that server, for links. */
  PUBLIC_BASE_URL: url('http://localhost:3000'),
  /** Which roles this process runs. */
  ROLE: optionalText.pipe(z.enum(['all', 'web', 'worker', 'scheduler']).optional()).transform((v) => v ?? 'all'),
  /** How many processes serve the web role (they share PORT); more use more cores for webhook batches. */
  WEB_CONCURRENCY: positiveInt(1),
  /** Threads per web process that compute and post chat answers, off the loop that acks; 0: on that loop. */
  ANSWER_THREADS: optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number, 0 or more' });
      return z.NEVER;
    }
    return parsed;
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  /** Bot ids for one-workspace mode, so that no request waits on auth.test. */
  SLACK_BOT_ID: optionalText,
  SLACK_BOT_USER_ID: optionalText,
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: url('https://slack.com/api/'),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: optionalText,
  BOTFRAMEWORK_OPENID_METADATA_URL: optionalUrl(),
  BOTFRAMEWORK_TOKEN_ISSUER: optionalText,
  BOTFRAMEWORK_LOGIN_URL: optionalUrl(),
  SMTP_URL: optionalText,
  EMAIL_FROM: optionalText,
  /** QuickChart server; "off" renders charts locally. */
  QUICKCHART_BASE_URL: optionalText.transform((value) => value ?? 'https://quickchart.io'),
  /** "false": Slack and Teams cannot reach QUICKCHART_BASE_URL (a private server); Slack gets uploaded PNGs. */
  QUICKCHART_PUBLIC: optionalText.pipe(z.enum(['true', 'false']).optional()).transform((v) => v !== 'false'),
  /** 32 bytes, base64: encrypts tokens and secrets at rest. */
  APP_ENCRYPTION_KEY: encryptionKey,
  /** Signs recording and report links; at least 32 characters (a shorter one could be guessed). */
  RECORDING_LINK_SECRET: linkSecret,
  /** The secret before the last rotation: links signed with it still open until it is removed. */
  RECORDING_LINK_PREVIOUS_SECRET: linkSecret,
  RECORDING_LINK_TTL_SECONDS: positiveInt(86400),
  /** Private hosts or networks a recording download may be fetched from (the rest must be public https). */
  RECORDING_FETCH_ALLOWED_HOSTS: fetchAllowList,
  COMPLETION_CHECK_SECONDS: positiveInt(15),
  COMPLETION_SETTLE_SECONDS: positiveInt(120),
  COMPLETION_IDLE_TIMEOUT_SECONDS: positiveInt(21600),
  /** A campaign's live message is edited at most once per this many seconds (docs/live.md). */
  LIVE_UPDATE_SECONDS: positiveInt(30),
  MONTHLY_DIGEST_CRON: optionalText.transform((value) => value ?? '0 9 1 * *'),
  DEFAULT_TIME_ZONE: timeZone,
  LOG_LEVEL: optionalText.transform((value) => value ?? 'info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  databaseUrl: string | undefined;
  embeddedDataDir: string;
  redisUrl: string;
  /** REDIS_URL was given: the CLI then tells the workers about what it imported (live messages). */
  redisConfigured: boolean;
  queuePrefix: string;
  port: number;
  publicBaseUrl: string;
  role: 'all' | 'web' | 'worker' | 'scheduler';
  webConcurrency: number;
  /** Answer threads per web process (ANSWER_THREADS); 0 with the embedded database, which serves one thread. */
  answerThreads: number;
  slack: {
    signingSecret?: string;
    botToken?: string;
    botId?: string;
    botUserId?: string;
    clientId?: string;
    clientSecret?: string;
    stateSecret?: string;
    appToken?: string;
    apiUrl: string;
  };
  teams: {
    appId?: string;
    appPassword?: string;
    appTenantId?: string;
    appType?: string;
    openIdMetadataUrl?: string;
    tokenIssuer?: string;
    loginUrl?: string;
  };
  email: { smtpUrl?: string; from: string };
  quickchartBaseUrl: string | 'off';
  /** False when chat platforms cannot fetch images from quickchartBaseUrl (QUICKCHART_PUBLIC=false). */
  quickchartPublic: boolean;
  encryptionKey: Buffer | undefined;
  recordingLinks: { secret: string | undefined; previousSecret: string | undefined; ttlSeconds: number };
  /** Where a recording download may go despite being private (RECORDING_FETCH_ALLOWED_HOSTS). */
  recordingFetchAllowList: FetchAllowList;
  completion: { checkSeconds: number; settleSeconds: number; idleTimeoutSeconds: number };
  /** LIVE_UPDATE_SECONDS: at most one edit of a live message per this many seconds. */
  liveUpdateSeconds: number;
  monthlyDigestCron: string;
  defaultTimeZone: string;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration: ${problems.join('; ')} (see .env.example)`);
    this.name = 'ConfigError';
  }
}

type CrossCheck = { uses: readonly (keyof Env)[]; problem: (e: Env) => string | false | undefined };

/** Checks across variables; each runs when the variables it reads parsed, so one start lists every problem. */
const CROSS_CHECKS: readonly CrossCheck[] = [
  {
    uses: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'],
    problem: (e) =>
      e.SLACK_BOT_TOKEN &&
      !e.SLACK_SIGNING_SECRET &&
      !e.SLACK_APP_TOKEN &&
      'SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (unless SLACK_APP_TOKEN selects Socket Mode)',
  },
  {
    uses: ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET'],
    problem: (e) =>
      e.SLACK_CLIENT_ID &&
      (!e.SLACK_CLIENT_SECRET || !e.SLACK_STATE_SECRET || !e.SLACK_SIGNING_SECRET) &&
      'SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET: all required with SLACK_CLIENT_ID',
  },
  {
    uses: ['SLACK_CLIENT_ID', 'APP_ENCRYPTION_KEY'],
    problem: (e) =>
      e.SLACK_CLIENT_ID &&
      !e.APP_ENCRYPTION_KEY &&
      'APP_ENCRYPTION_KEY: required to store Slack tokens (OAuth install)',
  },
  {
    uses: ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD'],
    problem: (e) =>
      e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_PASSWORD && 'MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID',
  },
  {
    uses: ['SMTP_URL'],
    problem: (e) => e.SMTP_URL && !/^smtps?:\/\//.test(e.SMTP_URL) && 'SMTP_URL: must start with smtp:// or smtps://',
  },
  {
    uses: ['QUICKCHART_BASE_URL'],
    problem: (e) =>
      e.QUICKCHART_BASE_URL !== 'off' &&
      !/^https?:\/\/[^/\s]+/i.test(e.QUICKCHART_BASE_URL) &&
      'QUICKCHART_BASE_URL: must be an http(s) URL, or "off" to draw charts here',
  },
  {
    uses: ['WEB_CONCURRENCY', 'DATABASE_URL'],
    problem: (e) =>
      e.WEB_CONCURRENCY > 1 &&
      !e.DATABASE_URL &&
      'WEB_CONCURRENCY: more than one web process needs DATABASE_URL (the embedded database serves one process)',
  },
  {
    uses: ['ANSWER_THREADS', 'DATABASE_URL'],
    problem: (e) =>
      (e.ANSWER_THREADS ?? 0) > 0 &&
      !e.DATABASE_URL &&
      'ANSWER_THREADS: answer threads need DATABASE_URL (the embedded database serves one thread)',
  },
  {
    uses: ['RECORDING_LINK_PREVIOUS_SECRET', 'RECORDING_LINK_SECRET', 'APP_ENCRYPTION_KEY'],
    problem: (e) =>
      e.RECORDING_LINK_PREVIOUS_SECRET &&
      !e.RECORDING_LINK_SECRET &&
      !e.APP_ENCRYPTION_KEY &&
      'RECORDING_LINK_PREVIOUS_SECRET: only verifies old links; set RECORDING_LINK_SECRET (the one that signs new links) too',
  },
];

/** Every problem of the environment at once: each variable's own, then those across variables that parsed. */
function parseEnv(env: NodeJS.ProcessEnv): { e: Env; problems: string[] } {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const failed = new Set(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0])));
  const values: Record<string, unknown> = {};
  if (parsed.success) Object.assign(values, parsed.data);
  else
    for (const [name, schema] of Object.entries(envSchema.shape)) {
      const one = failed.has(name) ? null : schema.safeParse(env[name]);
      if (one?.success) values[name] = one.data;
    }
  const e = values as Env;
  for (const check of CROSS_CHECKS) {
    if (check.uses.some((name) => failed.has(name))) continue;
    const problem = check.problem(e);
    if (problem) problems.push(problem);
  }
  return { e, problems };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { e, problems } = parseEnv(env);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl: e.DATABASE_URL,
    embeddedDataDir: '.data',
    redisUrl: e.REDIS_URL,
    redisConfigured: Boolean(env.REDIS_URL?.trim()),
    queuePrefix: e.QUEUE_PREFIX,
    port: e.PORT,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''),
    role: e.ROLE,
    webConcurrency: e.WEB_CONCURRENCY,
    answerThreads: e.ANSWER_THREADS ?? (e.DATABASE_URL ? DEFAULT_ANSWER_THREADS : 0),
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      botId: e.SLACK_BOT_ID,
      botUserId: e.SLACK_BOT_USER_ID,
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      stateSecret: e.SLACK_STATE_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    },
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appTenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      openIdMetadataUrl: e.BOTFRAMEWORK_OPENID_METADATA_URL,
      tokenIssuer: e.BOTFRAMEWORK_TOKEN_ISSUER,
      loginUrl: e.BOTFRAMEWORK_LOGIN_URL,
    },
    email: { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM ?? 'Campaign Report <campaign-report@localhost>' },
    quickchartBaseUrl: e.QUICKCHART_BASE_URL === 'off' ? 'off' : e.QUICKCHART_BASE_URL.replace(/\/$/, ''),
    quickchartPublic: e.QUICKCHART_PUBLIC,
    encryptionKey: e.APP_ENCRYPTION_KEY,
    recordingLinks: {
      secret: e.RECORDING_LINK_SECRET,
      previousSecret: e.RECORDING_LINK_PREVIOUS_SECRET,
      ttlSeconds: e.RECORDING_LINK_TTL_SECONDS,
    },
    recordingFetchAllowList: e.RECORDING_FETCH_ALLOWED_HOSTS,
    completion: {
      checkSeconds: e.COMPLETION_CHECK_SECONDS,
      settleSeconds: e.COMPLETION_SETTLE_SECONDS,
      idleTimeoutSeconds: e.COMPLETION_IDLE_TIMEOUT_SECONDS,
    },
    liveUpdateSeconds: e.LIVE_UPDATE_SECONDS,
    monthlyDigestCron: e.MONTHLY_DIGEST_CRON,
    defaultTimeZone: e.DEFAULT_TIME_ZONE,
    logLevel: e.LOG_LEVEL,
  };
}

/** Every variable the program reads (documented one by one in .env.example). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);
