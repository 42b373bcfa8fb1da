import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../../src/config';

describe('configuration (docs/configuration.md)', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      role: 'all',
      webConcurrency: 1,
      quickchartBaseUrl: 'https://quickchart.io',
      recordingLinks: { ttlSeconds: 86400 },
      completion: { checkSeconds: 15, settleSeconds: 120, idleTimeoutSeconds: 21600 },
      monthlyDigestCron: '0 9 1 * *',
      defaultTimeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
  });

  it('reports every problem at once and never echoes a secret', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        ROLE: 'boss',
        DEFAULT_TIME_ZONE: 'Mars/Olympus',
        APP_ENCRYPTION_KEY: 'c2hvcnQtc2VjcmV0LXZhbHVl',
        COMPLETION_SETTLE_SECONDS: '-5',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'ROLE', 'DEFAULT_TIME_ZONE', 'APP_ENCRYPTION_KEY', 'COMPLETION_SETTLE_SECONDS'])
      expect(problems).toContain(name);
    expect((error as Error).message).not.toContain('c2hvcnQtc2VjcmV0LXZhbHVl');
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it("lists a variable's own problem and the problems across variables in one start", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxb-1', MICROSOFT_APP_ID: 'app', QUICKCHART_BASE_URL: 'qc' });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ConfigError).problems;
    expect(problems[0]).toMatch(/^PORT: /);
    expect(problems.slice(1)).toEqual([
      'SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (unless SLACK_APP_TOKEN selects Socket Mode)',
      'MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID',
      'QUICKCHART_BASE_URL: must be an http(s) URL, or "off" to draw charts here',
    ]);
  });

  it('does not repeat a variable whose own value is wrong in a check across variables', () => {
    expect(() => loadConfig({ WEB_CONCURRENCY: 'many' })).toThrow(ConfigError);
    try {
      loadConfig({ WEB_CONCURRENCY: 'many' });
    } catch (caught) {
      expect((caught as ConfigError).problems).toHaveLength(1);
    }
  });

  it('refuses a recording link secret shorter than 32 characters, without echoing it', () => {
    const short = 'x'.repeat(31);
    expect(() => loadConfig({ RECORDING_LINK_SECRET: short })).toThrow(
      /RECORDING_LINK_SECRET: must be at least 32 characters/,
    );
    expect(() => loadConfig({ RECORDING_LINK_SECRET: short })).not.toThrow(new RegExp(short));
    expect(loadConfig({ RECORDING_LINK_SECRET: 'y'.repeat(32) }).recordingLinks.secret).toBe('y'.repeat(32));
  });

  it('checks what goes together', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() =>
      loadConfig({
        SLACK_CLIENT_ID: '1',
        SLACK_CLIENT_SECRET: 's',
        SLACK_STATE_SECRET: 's',
        SLACK_SIGNING_SECRET: 's',
      }),
    ).toThrow(/APP_ENCRYPTION_KEY/);
  });

  it('runs several web processes only on PostgreSQL (the embedded database serves one process)', () => {
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(
      /WEB_CONCURRENCY: more than one web process needs DATABASE_URL/,
    );
    expect(loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://db/x' }).webConcurrency).toBe(2);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0', DATABASE_URL: 'postgres://db/x' })).toThrow(/WEB_CONCURRENCY/);
  });

  it('answers in 1 thread per web process on PostgreSQL by default, on the request loop with the embedded database', () => {
    expect(loadConfig({}).answerThreads).toBe(0);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x' }).answerThreads).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', ANSWER_THREADS: '0' }).answerThreads).toBe(0);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', ANSWER_THREADS: '3' }).answerThreads).toBe(3);
    expect(() => loadConfig({ ANSWER_THREADS: '1' })).toThrow(/ANSWER_THREADS: answer threads need DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x', ANSWER_THREADS: '-1' })).toThrow(
      /ANSWER_THREADS: must be a whole number, 0 or more/,
    );
  });

  it('QUICKCHART_BASE_URL=off renders charts locally', () => {
    expect(loadConfig({ QUICKCHART_BASE_URL: 'off' }).quickchartBaseUrl).toBe('off');
    expect(loadConfig({ QUICKCHART_BASE_URL: 'https://charts.example.com/qc/' }).quickchartBaseUrl).toBe(
      'https://charts.example.com/qc',
    );
    expect(() => loadConfig({ QUICKCHART_BASE_URL: 'quickchart.io' })).toThrow(
      /QUICKCHART_BASE_URL: must be an http\(s\) URL, or "off"/,
    );
    expect(loadConfig({}).quickchartPublic).toBe(true);
    expect(loadConfig({ QUICKCHART_PUBLIC: 'false' }).quickchartPublic).toBe(false);
    expect(() => loadConfig({ QUICKCHART_PUBLIC: 'no' })).toThrow(/QUICKCHART_PUBLIC/);
  });

  it('RECORDING_FETCH_ALLOWED_HOSTS lists private hosts and networks a download may reach, and names a bad entry', () => {
    expect(loadConfig({}).recordingFetchAllowList).toEqual({ hosts: [], networks: [] });
    const allowed = loadConfig({
      RECORDING_FETCH_ALLOWED_HOSTS: 'recordings.internal, 10.20.0.0/16',
    }).recordingFetchAllowList;
    expect(allowed.hosts).toEqual(['recordings.internal']);
    expect(allowed.networks).toHaveLength(1);
    expect(() => loadConfig({ RECORDING_FETCH_ALLOWED_HOSTS: 'ok.internal, 10.0.0.0/99' })).toThrow(
      /RECORDING_FETCH_ALLOWED_HOSTS: 10\.0\.0\.0\/99: not a host name or network/,
    );
  });

  it('docs/configuration.md explains every variable', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'configuration.md'), 'utf8');
    expect(CONFIG_VARIABLES.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('.env.example documents every variable, each with a comment', () => {
    const example = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '.env.example'), 'utf8');
    for (const name of CONFIG_VARIABLES) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
