import os from 'node:os';
import { subscribe } from '../src/storage/subscriptions';
import { startFakeSlack } from '../test/support/fakes/fake-slack';
import { sendEvent } from '../test/integration/slack/support/native-surface-requests';
import { startSlackHarness } from '../test/integration/slack/support/slack-harness';
import { withBenchDb } from './support/bench-db';
import { loadSampleLinkedTo } from './support/sample-workspace';
import { Figure, figure, log, runBench } from './support/report';
import { quantile } from './support/stats';

/**
 * App Home under a crowd (issue 16): USERS people of one workspace open the app's Home at the same instant;
 * ours is, per user, the time from their signed app_home_opened event to the fake Slack receiving their
 * views.publish, p95 under 1 s. The real Slack surface on 127.0.0.1, PostgreSQL with the sample campaigns
 * plus EXTRA_CAMPAIGNS more and SUBSCRIPTIONS subscriptions. Baseline, same run, same server: as many users
 * typing `/campaign-report list` at once (the same campaign list model), from the command to its answer at
 * the response_url. ROUNDS rounds of each, interleaved.
 */
const USERS = Number(process.env.BENCH_HOME_USERS ?? 100);
const ROUNDS = Number(process.env.BENCH_HOME_ROUNDS ?? 5);
const EXTRA_CAMPAIGNS = Number(process.env.BENCH_HOME_CAMPAIGNS ?? 500);
const SUBSCRIPTIONS = 25;
const TARGET_P95_MS = 1_000;
const TEAM = 'T0BENCHHOME';

export async function appHomeBench(): Promise<Figure[]> {
  return withBenchDb('apphome', async ({ db }) => {
    await loadSampleLinkedTo(db, TEAM);
    await db.raw(
      `insert into campaigns (account_id, campaign_id, bot_id, name, state, last_received_at)
       select 'default', 'bench-' || i, 'bot-debt', 'Bench campaign ' || i,
              case when i % 10 = 0 then 'running' else 'complete' end, now() - (i || ' seconds')::interval
       from generate_series(1, ${EXTRA_CAMPAIGNS}) as i`,
    );
    for (let i = 0; i < SUBSCRIPTIONS; i += 1) {
      await subscribe(db, {
        accountId: 'default',
        platform: 'slack',
        workspaceId: TEAM,
        destination: `C0BENCH${i}`,
        target: i === 0 ? { kind: 'all', id: '' } : { kind: 'campaign', id: `bench-${i}` },
        summaries: true,
        digest: i === 0,
        live: false,
        alerts: false,
        createdBy: 'U0BENCH',
      });
    }
    const fake = await startFakeSlack();
    const h = await startSlackHarness({ db, fake });
    try {
      const homeRound = async (round: number): Promise<number[]> => {
        const users = Array.from({ length: USERS }, (_, i) => `U${round + 1}X${i}`);
        const started = new Map<string, number>();
        await Promise.all(
          users.map((user) => {
            started.set(user, Date.now());
            return sendEvent(h, TEAM, {
              type: 'app_home_opened',
              user,
              channel: 'D0HOME',
              tab: 'home',
              event_ts: '1.1',
            });
          }),
        );
        await h.surface.idle();
        return users.map((user) => {
          const [home] = fake.views.publishedHomes(user);
          if (!home) throw new Error(`no Home was published for ${user}`);
          return home.at - (started.get(user) as number);
        });
      };
      const listRound = async (): Promise<number[]> => {
        const asked = await Promise.all(
          Array.from({ length: USERS }, async (_, i) => {
            const at = Date.now();
            const ack = await h.command('list', TEAM, { userId: `U0LIST${i}` });
            return { at, responseUrl: ack.responseUrl };
          }),
        );
        await h.surface.idle();
        return asked.map(({ at, responseUrl }) => {
          const [answer] = fake.responses(responseUrl);
          if (!answer) throw new Error(`no answer at ${responseUrl}`);
          return answer.at - at;
        });
      };
      // Warm-up: module loading, JIT and first connections are not what is measured.
      await homeRound(-1);
      await listRound();
      const home: number[] = [];
      const list: number[] = [];
      // CPU used by this process (server, fake Slack and the clients together) per open or answer: what the
      // machine's load cannot stretch, unlike the wall-clock latency.
      const cpu = { home: 0, list: 0 };
      const cpuOf = async (work: () => Promise<number[]>, into: number[]): Promise<number> => {
        const before = process.cpuUsage();
        into.push(...(await work()));
        const used = process.cpuUsage(before);
        return (used.user + used.system) / 1000;
      };
      for (let round = 0; round < ROUNDS; round += 1) {
        cpu.home += await cpuOf(() => homeRound(round), home);
        cpu.list += await cpuOf(listRound, list);
      }
      const perOpen = cpu.home / (ROUNDS * USERS);
      const perList = cpu.list / (ROUNDS * USERS);
      const [ours, baseline] = [quantile(home, 0.95), quantile(list, 0.95)];
      const published = fake.views.publishedHomes().at(-1);
      const blocks = (published?.view.blocks as unknown[] | undefined)?.length ?? 0;
      log(
        `${USERS} users at once × ${ROUNDS} rounds; ${EXTRA_CAMPAIGNS + 3} campaigns, ${SUBSCRIPTIONS} subscriptions; Home of ${blocks} blocks`,
      );
      log(`home: p50 ${quantile(home, 0.5)} ms, p95 ${ours} ms, max ${Math.max(...home)} ms`);
      log(`list (baseline): p50 ${quantile(list, 0.5)} ms, p95 ${baseline} ms, max ${Math.max(...list)} ms`);
      log(
        `CPU per Home open ${perOpen.toFixed(2)} ms, per list answer ${perList.toFixed(2)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
      );
      return [
        figure({
          bench: 'app-home',
          name: `App Home open→views.publish p95, ${USERS} users at once`,
          unit: 'ms',
          ours,
          baseline,
          target: `p95 < ${TARGET_P95_MS} ms`,
          pass: ours < TARGET_P95_MS,
          details: {
            users: USERS,
            rounds: ROUNDS,
            campaigns: EXTRA_CAMPAIGNS + 3,
            subscriptions: SUBSCRIPTIONS,
            blocks,
          },
        }),
        figure({
          bench: 'app-home',
          name: 'CPU per App Home open (server, fake Slack and client in one process)',
          unit: 'ms',
          ours: perOpen,
          baseline: perList,
          target: 'context',
          pass: true,
          info: true,
        }),
      ];
    } finally {
      await h.close();
      await fake.close();
    }
  });
}

if (require.main === module) {
  void runBench('app-home', 0, () => appHomeBench());
}
