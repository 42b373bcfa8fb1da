import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, prepareWebhookAccount } from '../webhook';
import { BENCH_DATABASE_URL, checkpointNow, withBenchDb } from './bench-db';
import { portLine, startTsChild, stopChild } from './child';
import { machineCpuMs, processCpuMs } from './cpu';
import { ensureTmpDir, startScriptNodeOptions } from './paths';

/**
 * `npx tsx bench/support/webhook-neighbours.ts`: what a neighbour on the machine costs the webhook, for
 * reading the Slack benchmark's "webhook under answer load" figure. The webhook (one web process, 4
 * connections of 1,000-event batches, as there) runs alone, beside a neighbour, alone again, and so on, each
 * turn after a CHECKPOINT; each neighbour's turn is compared with the turns alone beside it. Neighbours
 * (NEIGHBOURS, comma-separated; default: all of these):
 *  - `spin:<nice>:<share>`: a process spinning `share` of a core at nice `<nice>` (0–19), or at SCHED_IDLE
 *    with `idle`, in 10 ms periods (Linux `nice` and `chrt`);
 *  - `pgbench:<rate>`: `select 1` at `rate` statements a second over 4 connections (PostgreSQL's pgbench):
 *    round trips that cost PostgreSQL almost nothing but a wakeup.
 * NEIGHBOUR_SECONDS: length of a turn (default 8).
 */
const NEIGHBOURS = (
  process.env.NEIGHBOURS ?? 'spin:0:0.4,spin:0:1,spin:19:1,spin:idle:1,pgbench:800,pgbench:3000'
).split(',');
const SECONDS = Number(process.env.NEIGHBOUR_SECONDS ?? 8);

function spinScript(share: number): string {
  const wait = share < 1 ? `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${(1 - share) * 10});` : '';
  return `for (;;) { const t = Date.now(); while (Date.now() - t < ${share * 10}); ${wait} }`;
}

function startNeighbour(spec: string): ChildProcess {
  const [kind, a, b] = spec.split(':');
  if (kind === 'spin') {
    const node = [process.execPath, '-e', spinScript(Number(b))];
    return a === 'idle'
      ? spawn('chrt', ['--idle', '0', ...node], { stdio: 'ignore' })
      : spawn('nice', ['-n', a, ...node], { stdio: 'ignore' });
  }
  if (kind === 'pgbench') {
    const script = path.join(ensureTmpDir(), 'select-1.sql');
    fs.writeFileSync(script, 'select 1;\n');
    const url = new URL(BENCH_DATABASE_URL);
    return spawn(
      'pgbench',
      ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username) || 'postgres'].concat([
        '-n',
        '-c',
        '4',
        '-j',
        '1',
        '-R',
        a,
        '-T',
        '3600',
        '-f',
        script,
        url.pathname.slice(1),
      ]),
      { stdio: 'ignore' },
    );
  }
  throw new Error(`unknown neighbour ${spec}: use spin:<nice|idle>:<share> or pgbench:<rate>`);
}

async function main(): Promise<void> {
  await withBenchDb('neighbours', async ({ db, schema }) => {
    const { key, secret, uniqueBody: body } = await prepareWebhookAccount(db, 'n');
    const { child, ready: port } = await startTsChild(
      'server',
      path.join(__dirname, 'webhook-server-child.ts'),
      [schema, key.toString('base64'), '1'],
      { nodeArgs: startScriptNodeOptions(), ready: portLine },
    );
    try {
      await load(port, '/v1/events', body, secret, 3); // warm-up, not measured
      // A turn: a CHECKPOINT, then SECONDS of the webhook, beside the neighbour when one is given.
      const turn = async (spec?: string) => {
        await checkpointNow();
        const neighbour = spec ? startNeighbour(spec) : null;
        const machine = machineCpuMs();
        const started = Date.now();
        try {
          const { eventsPerSecond } = await load(port, '/v1/events', body, secret, SECONDS);
          const wallMs = Date.now() - started;
          return {
            eventsPerSecond,
            neighbourCores: neighbour ? (processCpuMs(neighbour.pid as number) ?? 0) / wallMs : 0,
            machineCores: (machineCpuMs().busy - machine.busy) / wallMs,
          };
        } finally {
          neighbour?.kill('SIGKILL');
        }
      };
      let before = await turn();
      for (const spec of NEIGHBOURS) {
        const beside = await turn(spec);
        const after = await turn();
        const ratio = beside.eventsPerSecond / ((before.eventsPerSecond + after.eventsPerSecond) / 2);
        const rates = [before, beside, after].map((t) => Math.round(t.eventsPerSecond));
        console.log(
          `${spec.padEnd(14)} ${ratio.toFixed(3)} × (alone ${rates[0]}, beside ${rates[1]}, alone ${rates[2]} events/s; ` +
            `the neighbour's process ${beside.neighbourCores.toFixed(2)} cores, machine ${before.machineCores.toFixed(2)} → ${beside.machineCores.toFixed(2)} of ${os.cpus().length})`,
        );
        before = after;
      }
    } finally {
      await stopChild(child);
    }
  });
}

if (require.main === module) void main();
