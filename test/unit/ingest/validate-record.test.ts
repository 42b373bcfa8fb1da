import fc from 'fast-check';
import { validateCallFields, validateEventObject } from '../../../src/ingest/validate-record';

const valid = {
  call_id: 'c1',
  campaign_id: 'cmp',
  bot_id: 'bot',
  customer_id: 'cus',
  started_at: '2026-10-30T15:36:02Z',
  answered_at: '2026-10-30T22:36:10+07:00',
  ended_at: '2026-10-30T10:40:00.5-05:00',
  result_code: ' paid ',
  phone: '+84901234567',
  attempt: '2',
  messages: '18',
  blocks: '',
  cost: '3488.56',
  recording_url: 'https://recordings.example.com/c1.mp3',
};

function problemsOf(overrides: Record<string, unknown>) {
  return validateCallFields({ ...valid, ...overrides }).problems;
}

describe('the one call validator (docs/webhook.md)', () => {
  it('normalises a valid record: offsets, milliseconds, codes, empty as absent', () => {
    const { record, problems } = validateCallFields(valid);
    expect(problems).toEqual([]);
    expect(record).toMatchObject({
      resultCode: 'PAID',
      attempt: 2,
      messages: 18,
      blocks: null,
      cost: '3488.56',
      campaignName: null,
    });
    expect(record?.answeredAt?.toISOString()).toBe('2026-10-30T15:36:10.000Z');
    expect(record?.endedAt.toISOString()).toBe('2026-10-30T15:40:00.500Z');
  });

  it('takes JSON numbers as numbers', () => {
    expect(validateCallFields({ ...valid, attempt: 1, messages: 0, blocks: 3, cost: 12.5 }).record).toMatchObject({
      attempt: 1,
      blocks: 3,
      cost: '12.5',
    });
  });

  it.each([
    [{ call_id: '' }, 'call_id', 'required'],
    [{ started_at: '2026-10-30 15:36:02' }, 'started_at', 'ISO 8601'],
    [{ started_at: '2026-10-30T15:36:02' }, 'started_at', 'offset'],
    [{ started_at: '2026-02-30T15:36:02Z' }, 'started_at', 'not a real date'],
    [{ ended_at: '2026-10-30T15:00:00Z' }, 'ended_at', 'before started_at'],
    [{ answered_at: '' }, 'answered_at', 'answered_at is required'],
    [{ result_code: 'NA' }, 'answered_at', 'must be empty'],
    [{ attempt: '0' }, 'attempt', 'whole number ≥ 1'],
    [{ messages: '-1' }, 'messages', 'whole number ≥ 0'],
    [{ cost: '1,5' }, 'cost', 'decimal'],
    [{ phone: '0901234567' }, 'phone', 'E.164'],
    [{ recording_url: 'http://insecure.example.com/a.mp3' }, 'recording_url', 'https://'],
    [{ result_code: '' }, 'result_code', 'required'],
  ])('%j is refused on %s with a sentence saying what to do', (override, field, words) => {
    const problems = problemsOf(override);
    expect(problems).toContainEqual({ field, message: expect.stringContaining(words) });
  });

  it('lists every problem of a record, not just the first', () => {
    expect(problemsOf({ call_id: '', bot_id: '', started_at: 'yesterday' }).map((p) => p.field)).toEqual([
      'call_id',
      'bot_id',
      'started_at',
    ]);
  });

  it('never throws on arbitrary input and always answers a record or problems', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(valid), 'type', 'extra'), fc.anything()), (fields) => {
        const result = validateCallFields(fields);
        expect(result.record === null).toBe(result.problems.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary event values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = validateEventObject(value);
        expect(result.item === null).toBe(result.problems.length > 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('campaign events', () => {
  it('validates campaign.completed with emails', () => {
    const { item } = validateEventObject({
      type: 'campaign.completed',
      campaign_id: 'cmp',
      bot_id: 'bot',
      customers_total: 27,
      report_emails: ['Ops@Example.com'],
      at: '2026-10-30T15:57:21Z',
    });
    expect(item).toMatchObject({
      kind: 'event',
      event: { type: 'campaign.completed', customersTotal: 27, reportEmails: ['ops@example.com'] },
    });
  });

  it('refuses an unknown type and bad emails', () => {
    expect(validateEventObject({ type: 'call.started' }).problems[0]).toMatchObject({ field: 'type' });
    const { problems } = validateEventObject({
      type: 'campaign.started',
      campaign_id: 'c',
      bot_id: 'b',
      at: '2026-10-30T15:57:21Z',
      report_emails: ['<!channel>'],
    });
    expect(problems).toContainEqual({
      field: 'report_emails',
      message: expect.stringContaining('not an email address'),
    });
  });
});
