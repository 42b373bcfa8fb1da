import type { Activity } from 'botbuilder';
import {
  commandTextOf,
  conversationKeyOf,
  isBotAdded,
  isBotRemoved,
  placeOf,
  proactiveReferenceOf,
  refusalOf,
  tenantIdOf,
} from '../../../src/adapters/teams/teams-activity';

const BOT = { id: '28:bot', name: 'Campaign Report' };

function activity(fields: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: '1700000000123',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: { id: '29:lan', name: 'Lan', aadObjectId: 'aad-lan' },
    recipient: BOT,
    conversation: {
      id: '19:abc@thread.tacv2;messageid=1700000000001',
      conversationType: 'channel',
      tenantId: 'tenant-1',
      isGroup: true,
      name: '',
    },
    ...fields,
  };
}

describe('reading Teams activities', () => {
  it('keys a conversation by its id without the thread part', () => {
    expect(conversationKeyOf('19:abc@thread.tacv2;messageid=1700000000001')).toBe('19:abc@thread.tacv2');
    expect(conversationKeyOf('19:abc@thread.tacv2')).toBe('19:abc@thread.tacv2');
    expect(conversationKeyOf('a:1personal')).toBe('a:1personal');
    expect(conversationKeyOf('19:meeting_x@thread.v2')).toBe('19:meeting_x@thread.v2');
  });

  it('finds the tenant in the conversation only, never in channelData', () => {
    expect(tenantIdOf(activity())).toBe('tenant-1');
    const conversation = { ...activity().conversation!, tenantId: undefined };
    expect(tenantIdOf(activity({ conversation, channelData: { tenant: { id: 'tenant-2' } } }))).toBeUndefined();
    expect(tenantIdOf(activity({ conversation: { ...conversation, tenantId: '  ' } }))).toBeUndefined();
    expect(tenantIdOf(activity({ conversation }))).toBeUndefined();
  });

  it('serves msteams activities whose two tenant ids agree, and refuses the rest', () => {
    expect(refusalOf(activity())).toBeNull();
    expect(refusalOf(activity({ channelData: { tenant: { id: 'tenant-1' } } }))).toBeNull();
    for (const channelId of ['webchat', 'directline', 'emulator', 'slack', '', undefined]) {
      expect(refusalOf(activity({ channelId: channelId as string }))).toMatch(/Microsoft Teams only/);
    }
    const conversation = { ...activity().conversation!, tenantId: undefined };
    expect(refusalOf(activity({ channelData: { tenant: { id: 'tenant-2' } } }))).toMatch(/disagree/);
    expect(refusalOf(activity({ conversation, channelData: { tenant: { id: 'tenant-2' } } }))).toMatch(/disagree/);
    expect(refusalOf(activity({ conversation }))).toBeNull();
  });

  it('takes the command from the text, or from an Action.Submit of one of our cards', () => {
    expect(commandTextOf(activity({ text: '<at>Campaign Report</at> list' }))).toBe('<at>Campaign Report</at> list');
    expect(commandTextOf(activity({ text: undefined, value: { command: 'calls cmp-1' } }))).toBe('calls cmp-1');
    expect(commandTextOf(activity({ text: 'typed', value: { command: 'submitted' } }))).toBe('submitted');
    expect(commandTextOf(activity({ text: undefined, value: { other: 1 } }))).toBe('');
    expect(commandTextOf(activity({ text: undefined, value: 'not an object' }))).toBe('');
    expect(commandTextOf(activity({ text: '\r\n<at>Campaign Report</at>&nbsp;usage&nbsp;2026-10\r\n' }))).toBe(
      '\r\n<at>Campaign Report</at> usage 2026-10\r\n',
    );
    expect(commandTextOf(activity({ text: 'calls a&amp;b code=&lt;X&gt; &amp;lt;' }))).toBe('calls a&b code=<X> &lt;');
  });

  it('makes the chat place: tenant, conversation key and the AAD user', () => {
    expect(placeOf(activity())).toEqual({
      platform: 'teams',
      workspaceId: 'tenant-1',
      destination: '19:abc@thread.tacv2',
      userId: 'aad-lan',
    });
    expect(placeOf(activity({ from: { id: '29:lan', name: 'Lan' } })).userId).toBe('29:lan');
    expect(placeOf({ type: 'message' })).toEqual({ platform: 'teams', workspaceId: '', destination: '', userId: '' });
  });

  it('keeps a reference to post later: at the channel, with no activity to reply to', () => {
    const reference = proactiveReferenceOf(activity());
    expect(reference).toEqual({
      bot: BOT,
      user: { id: '29:lan', name: 'Lan', aadObjectId: 'aad-lan' },
      conversation: {
        id: '19:abc@thread.tacv2',
        conversationType: 'channel',
        tenantId: 'tenant-1',
        isGroup: true,
        name: '',
      },
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    });
    expect(JSON.parse(JSON.stringify(reference))).toEqual(reference);
  });

  it('knows when the bot was added or removed, and not when someone else was', () => {
    expect(
      isBotAdded(
        activity({
          type: 'conversationUpdate',
          membersAdded: [
            { id: '29:x', name: '' },
            { id: '28:bot', name: '' },
          ],
        }),
      ),
    ).toBe(true);
    expect(isBotAdded(activity({ type: 'conversationUpdate', membersAdded: [{ id: '29:x', name: '' }] }))).toBe(false);
    expect(isBotAdded(activity({ type: 'installationUpdate', action: 'add' }))).toBe(false);
    expect(isBotRemoved(activity({ type: 'conversationUpdate', membersRemoved: [{ id: '28:bot', name: '' }] }))).toBe(
      true,
    );
    expect(isBotRemoved(activity({ type: 'conversationUpdate', membersRemoved: [{ id: '29:x', name: '' }] }))).toBe(
      false,
    );
    expect(isBotRemoved(activity({ type: 'installationUpdate', action: 'remove' }))).toBe(true);
    expect(isBotRemoved(activity({ type: 'installationUpdate', action: 'add' }))).toBe(false);
    expect(isBotRemoved(activity())).toBe(false);
  });
});
