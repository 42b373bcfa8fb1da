import { CallRecord } from '../../../src/domain/call-record';
import { contentHash } from '../../../src/ingest/store-items';

const record: CallRecord = {
  callId: 'c1',
  campaignId: 'cmp',
  campaignName: 'October',
  botId: 'bot',
  botName: 'Bot',
  customerId: 'cus',
  phone: '+84901234567',
  attempt: 2,
  startedAt: new Date('2026-10-30T15:36:02Z'),
  answeredAt: new Date('2026-10-30T15:36:10Z'),
  endedAt: new Date('2026-10-30T15:40:00.500Z'),
  resultCode: 'PAID',
  messages: 18,
  blocks: 4,
  cost: '3488.56',
  recordingUrl: 'https://recordings.example.com/c1.mp3',
};

/** A different value of the same type for each field. */
const changed: { [K in keyof CallRecord]: CallRecord[K] } = {
  callId: 'c2',
  campaignId: 'cmp2',
  campaignName: null,
  botId: 'bot2',
  botName: null,
  customerId: 'cus2',
  phone: null,
  attempt: 1,
  startedAt: new Date('2026-10-30T15:36:02.001Z'),
  answeredAt: null,
  endedAt: new Date('2026-10-30T15:40:00.501Z'),
  resultCode: 'NA',
  messages: null,
  blocks: null,
  cost: '3488.57',
  recordingUrl: null,
};

describe('contentHash: duplicates are equal records, corrections are not', () => {
  it('is equal for equal records, whatever object holds them', () => {
    const copy: CallRecord = { ...record, startedAt: new Date(record.startedAt.getTime()) };
    expect(contentHash(copy)).toBe(contentHash(record));
  });

  it.each(Object.keys(changed) as (keyof CallRecord)[])('changes when %s changes', (field) => {
    expect(contentHash({ ...record, [field]: changed[field] })).not.toBe(contentHash(record));
  });

  it('does not confuse values moved between neighbouring fields', () => {
    expect(contentHash({ ...record, campaignName: 'ab', botId: 'c' })).not.toBe(
      contentHash({ ...record, campaignName: 'a', botId: 'bc' }),
    );
  });
});
