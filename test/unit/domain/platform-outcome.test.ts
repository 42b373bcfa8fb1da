import { codeFitsCategory, deriveOutcome, OutcomeFacts } from '../../../src/domain/platform-outcome';

const startedAt = new Date('2026-11-20T03:00:00Z');
const answeredAt = new Date('2026-11-20T03:00:07Z');
const facts = (over: Partial<OutcomeFacts>): OutcomeFacts => ({
  reason: 'user_hangup',
  category: 'answered',
  mappedCode: undefined,
  outcome: null,
  answeredAt,
  startedAt,
  ...over,
});

describe('deriveOutcome (docs/connectors.md "Outcomes")', () => {
  it('applies the defaults: busy → BS, no answer → NA, failed → CU, all without an answer time', () => {
    expect(deriveOutcome(facts({ category: 'busy' }))).toEqual({ resultCode: 'BS', answeredAt: null, unmapped: false });
    expect(deriveOutcome(facts({ category: 'no_answer' }))).toEqual({
      resultCode: 'NA',
      answeredAt: null,
      unmapped: false,
    });
    expect(deriveOutcome(facts({ category: 'failed' }))).toEqual({
      resultCode: 'CU',
      answeredAt: null,
      unmapped: false,
    });
  });

  it('gives an answered call the outcome field, trimmed and upper-cased, else the reason upper-cased', () => {
    expect(deriveOutcome(facts({ outcome: ' paid ' }))).toEqual({ resultCode: 'PAID', answeredAt, unmapped: false });
    expect(deriveOutcome(facts({ outcome: '  ' }))).toEqual({ resultCode: 'USER_HANGUP', answeredAt, unmapped: false });
  });

  it('puts the account code map first; an answered call mapped to NA loses its answer time', () => {
    expect(deriveOutcome(facts({ mappedCode: 'na', outcome: 'paid' }))).toEqual({
      resultCode: 'NA',
      answeredAt: null,
      unmapped: false,
    });
    expect(deriveOutcome(facts({ category: 'busy', mappedCode: 'CU' }))).toEqual({
      resultCode: 'CU',
      answeredAt: null,
      unmapped: false,
    });
  });

  it('flags a reason it does not know: CU when the call never connected, else the reason', () => {
    expect(deriveOutcome(facts({ reason: 'moon', category: null, answeredAt: null }))).toEqual({
      resultCode: 'CU',
      answeredAt: null,
      unmapped: true,
    });
    expect(deriveOutcome(facts({ reason: 'moon', category: null }))).toEqual({
      resultCode: 'MOON',
      answeredAt,
      unmapped: true,
    });
    expect(deriveOutcome(facts({ reason: 'moon', category: null, mappedCode: 'NA' })).unmapped).toBe(false);
  });

  it('refuses answered codes only for reasons known never to connect', () => {
    expect(codeFitsCategory('busy', 'PAID')).toBe(false);
    expect(codeFitsCategory('busy', 'na')).toBe(true);
    expect(codeFitsCategory('answered', 'NA')).toBe(true);
    expect(codeFitsCategory(null, 'PAID')).toBe(true);
  });
});
