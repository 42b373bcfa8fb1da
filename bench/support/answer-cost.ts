import http from 'node:http';
import { AddressInfo } from 'node:net';
import { SlashCommand } from '@slack/bolt';
import { answerSlashCommand } from '../../src/adapters/slack/listeners/campaign-report-command';
import { createSlackSurface } from '../../src/adapters/slack/slack-surface';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createDb } from '../../src/storage/connection';
import { BENCH_DATABASE_URL, schemaUrl, withBenchDb } from './bench-db';
import { commandCpuMs } from './cpu';
import { loadSampleLinkedTo } from './sample-workspace';

/**
 * `npx tsx bench/support/answer-cost.ts`: what one answer to each of the Slack benchmark's commands costs,
 * answered one at a time on the sample data (no load, no answer thread): this process's CPU (the answer and
 * the local response_url sink), PostgreSQL's CPU (Linux /proc) and the statements it ran. Where the slash
 * benchmark's answers spend their CPU, command by command. ANSWER_COST_TEXTS=a|b: other commands;
 * ANSWER_COST_COUNT: answers of each (default 600), after as many not counted.
 */
const TEXTS = (
  process.env.ANSWER_COST_TEXTS ?? 'cmp-1-000|list|calls cmp-1-000|usage 2026-10|help|cmp-1-00|subscriptions'
).split('|');
const COUNT = Number(process.env.ANSWER_COST_COUNT ?? 600);
const TEAM = 'T0BENCH';

async function main(): Promise<void> {
  await withBenchDb('answers', async ({ db: setup, schema }) => {
    await loadSampleLinkedTo(setup, TEAM);
    let bytes = 0;
    const sink = http.createServer((req, res) => {
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
    const config = loadConfig({
      DATABASE_URL: schemaUrl(schema),
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: `${sinkUrl}/api/`,
      QUICKCHART_BASE_URL: process.env.QUICKCHART_BASE_URL ?? 'https://quickchart.example.test',
      RECORDING_LINK_SECRET: 'bench-recordings-secret-of-32-characters',
      LOG_LEVEL: 'warn',
    });
    const db = createDb({ databaseUrl: BENCH_DATABASE_URL, schema, poolMax: 4 });
    let statements = 0;
    db.on('query', () => (statements += 1));
    const slack = createSlackSurface({ config, db, logger: createLogger('warn', false) });
    if (!slack) throw new Error('the Slack surface is not configured');
    const command = (text: string, sequence: number) =>
      ({
        team_id: TEAM,
        channel_id: 'C0BENCH',
        user_id: 'U0BENCH',
        user_name: 'bench',
        command: '/campaign-report',
        text,
        response_url: `${sinkUrl}/response/${sequence}`,
        trigger_id: String(sequence),
      }) as SlashCommand;
    try {
      console.log(`${COUNT} answers of each, one at a time (ms an answer)`);
      for (const text of TEXTS) {
        for (let i = 0; i < COUNT; i += 1) await answerSlashCommand(slack.runtime, command(text, i));
        [statements, bytes] = [0, 0];
        const pg = commandCpuMs('postgres');
        const cpu = process.cpuUsage();
        const start = performance.now();
        for (let i = 0; i < COUNT; i += 1) await answerSlashCommand(slack.runtime, command(text, i));
        const used = process.cpuUsage(cpu);
        const each = (total: number) => (total / COUNT).toFixed(2);
        console.log(
          `${text.padEnd(16)} this process ${each((used.user + used.system) / 1000)}, PostgreSQL ${each(commandCpuMs('postgres') - pg)}, ` +
            `wall ${each(performance.now() - start)}; ${each(statements)} statements, ${Math.round(bytes / COUNT)} bytes posted`,
        );
      }
    } finally {
      await db.destroy();
      sink.close();
    }
  });
}

if (require.main === module) void main();
