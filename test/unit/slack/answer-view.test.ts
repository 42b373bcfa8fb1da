import { answerView } from '../../../src/adapters/slack/answer-view';
import { Subscription } from '../../../src/domain/subscription';

const sub = (over: Partial<Subscription>): Subscription => ({
  id: 1,
  accountId: 'default',
  platform: 'slack',
  workspaceId: 'T1',
  destination: 'C1',
  target: { kind: 'all', id: '' },
  summaries: true,
  digest: false,
  live: false,
  alerts: false,
  createdBy: 'U1',
  status: 'active',
  brokenReason: null,
  ...over,
});

describe('answerView for answers without a report', () => {
  it('puts what was not understood before the help, escaped', () => {
    const notUnderstood = { text: '<!here> now', reason: { key: 'notACommand' as const, value: '<!here>' } };
    const message = answerView({ kind: 'help', notUnderstood }, { shareable: true }).render([]);
    expect(message.blocks[0]).toMatchObject({
      type: 'section',
      text: {
        text: 'I did not understand "&lt;!here&gt; now": "&lt;!here&gt;" is not a command, and a campaign is one word. Here is what I can do:',
      },
    });
    expect(message.blocks[1]).toMatchObject({ type: 'header' });
    expect(message.text).toMatch(/^I did not understand .* Commands: \/campaign-report/);
  });

  it('lists subscriptions, with a paused one and its reason', () => {
    const message = answerView(
      {
        kind: 'subscriptions',
        subscriptions: [
          sub({}),
          sub({
            id: 2,
            target: { kind: 'bot', id: 'bot-<x>' },
            summaries: false,
            digest: true,
            status: 'broken',
            brokenReason: 'channel_not_found',
          }),
        ],
      },
      { shareable: false },
    ).render([]);
    expect(message.text).toBe(
      'Subscriptions of this conversation (2):\n• all campaigns: summaries\n' +
        '• bot bot-&lt;x&gt;: the monthly digest (paused: the channel no longer exists or I cannot see it; subscribe again to resume)',
    );
  });

  it('says how to subscribe when there is nothing', () => {
    expect(answerView({ kind: 'subscriptions', subscriptions: [] }, { shareable: false }).render([]).text).toContain(
      '/campaign-report subscribe all',
    );
  });

  it('tells an unlinked workspace the exact CLI line', () => {
    const message = answerView(
      { kind: 'unlinked', workspaceId: 'T9', howToLink: 'npm run cli -- link slack T9 <account_id>' },
      { shareable: false },
    ).render([]);
    expect(message.text).toContain('`npm run cli -- link slack T9 &lt;account_id&gt;`');
  });

  it('links a recording with how long the link works, and escapes the call id', () => {
    const link = 'https://r.example/r/abc.def';
    const message = answerView(
      { kind: 'recording', callId: 'c<1>', link, locale: 'en-US' },
      { shareable: false, recordingLinkTtlSeconds: 3600 },
    ).render([]);
    expect(message.text).toBe(`Recording of call c&lt;1&gt;: ${link} The link works for 1 hour.`);
    expect(message.blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          verbatim: true,
          text: `*Recording of call c&lt;1&gt;*: <${link}|listen or download>. The link works for 1 hour.`,
        },
      },
    ]);
  });
});
