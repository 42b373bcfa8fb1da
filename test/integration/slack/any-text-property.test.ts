import { isBareSubscribe } from '../../../src/adapters/slack/listeners/subscribe-modal';
import { useSeededSlackApp } from './support/seeded-slack-app';
import fc from 'fast-check';
import { SOMETHING_WENT_WRONG } from '../../../src/adapters/slack/slack-runtime';
import { TEAM_A, TEAM_B, TEAM_UNLINKED } from './support/two-accounts';

const WORDS = [
  'help',
  '?',
  'list',
  'running',
  'complete',
  'calls',
  'usage',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'all',
  'summaries',
  'digest',
  'successful',
  'unsuccessful',
  'error',
  'code=NA',
  'code=',
  'code=<!here>',
  'cmp-1-000',
  'cmp-1',
  'cmp',
  'Đợt',
  'bot-debt',
  'bot-zeta',
  'zeta-secret-campaign',
  '2026-10',
  '2026-13',
  '1999-00',
  '<!channel>',
  '<@U0FAKEBOT>',
  '&amp;',
  '%',
  '_',
  '\\',
  "'",
  '"',
  '`',
  '*',
  '\u0000',
  '\u202e',
  '🙂',
  '\t',
  '\n',
  ' ',
];

const commandText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ maxLength: 80, unit: 'grapheme' }),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((words) => words.join(' ')),
  fc
    .tuple(fc.constantFrom('calls', 'usage', 'subscribe', 'unsubscribe', 'list', ''), fc.string({ maxLength: 30 }))
    .map(([verb, rest]) => `${verb} ${rest}`),
  fc
    .tuple(
      fc.constantFrom('calls', 'usage 2026-10', 'subscribe', 'unsubscribe', ''),
      fc.string({ maxLength: 12, unit: 'binary' }),
    )
    .map(([verb, rest]) => `${verb} ${rest}`),
  fc.string({ minLength: 490, maxLength: 700 }),
);

describe('property: any text after /campaign-report gets an answer', () => {
  const app = useSeededSlackApp();

  it.each(['\u0000', 'calls cmp\u0000', 'subscribe \u0000x', 'usage 2026-10 b\u0000', '\ud800', 'calls \udfff'])(
    'answers text PostgreSQL cannot store (%j) without an error',
    async (text) => {
      const ack = await app.h.command(text, TEAM_A, { channelId: 'C0PROP' });
      expect(ack.status).toBe(200);
      const answer = await app.h.answerAt(ack.responseUrl);
      expect(answer.body.text).not.toBe(SOMETHING_WENT_WRONG);
    },
  );

  it('acks with 2xx and posts an answer at the response_url, never an error', async () => {
    let trigger = 0;
    await fc.assert(
      fc.asyncProperty(commandText, fc.constantFrom(TEAM_A, TEAM_B, TEAM_UNLINKED), async (text, teamId) => {
        const triggerId = `prop.${(trigger += 1)}`;
        const ack = await app.h.command(text, teamId, { channelId: 'C0PROP', triggerId });
        expect(ack.status).toBeGreaterThanOrEqual(200);
        expect(ack.status).toBeLessThan(300);
        if (isBareSubscribe(text) && teamId !== TEAM_UNLINKED) {
          // `subscribe` alone answers with the form (docs/chat.md), not at the response_url.
          await app.fake.waitFor((c) => c.method === 'views.open' && c.body.trigger_id === triggerId);
          return;
        }
        const answer = await app.h.answerAt(ack.responseUrl);
        expect(answer.status).toBe(200);
        expect(typeof answer.body.text).toBe('string');
        expect(String(answer.body.text).length).toBeGreaterThan(0);
        expect(answer.body.text).not.toBe(SOMETHING_WENT_WRONG);
        expect(answer.body.response_type).toBe('ephemeral');
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
