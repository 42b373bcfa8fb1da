import { parseBudget, parseRuleSetting, parseThresholdRule } from '../../../src/domain/alert-thresholds';
import { parseDecimal } from '../../../src/domain/decimal';
import { InvalidInput } from '../../../src/domain/errors';

function saidKey(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as Error).message).toMatch(/type/);
    return (error as InvalidInput).said?.key;
  }
  throw new Error('expected InvalidInput');
}

describe('alert thresholds as typed', () => {
  it('reads the three rules and refuses others with what to type', () => {
    expect(parseThresholdRule('Errors')).toBe('errors');
    expect(parseThresholdRule('answer-rate')).toBe('answer-rate');
    expect(saidKey(() => parseThresholdRule('latency'))).toBe('alert.unknownRule');
    expect(saidKey(() => parseThresholdRule('budget'))).toBe('alert.budgetPerBot');
  });
  it('errors: 25% and 25 are 25 %; 100 % is allowed, over 100 and words are not', () => {
    expect(parseRuleSetting('errors', '25%')).toEqual({ enabled: true, threshold: parseDecimal('25') });
    expect(parseRuleSetting('errors', '12.5')).toEqual({ enabled: true, threshold: parseDecimal('12.5') });
    expect(parseRuleSetting('errors', '100%').threshold).toBe(parseDecimal('100'));
    expect(saidKey(() => parseRuleSetting('errors', '101%'))).toBe('alert.over100');
    expect(saidKey(() => parseRuleSetting('errors', 'many'))).toBe('alert.notPercent');
    expect(saidKey(() => parseRuleSetting('errors', '0'))).toBe('alert.notPercent');
  });
  it('answer-rate: 0.6 or 60%; above 1 or over 100 % is refused', () => {
    expect(parseRuleSetting('answer-rate', '0.6').threshold).toBe(parseDecimal('0.6'));
    expect(parseRuleSetting('answer-rate', '60%').threshold).toBe(parseDecimal('0.6'));
    expect(saidKey(() => parseRuleSetting('answer-rate', '1.5'))).toBe('alert.notFactor');
    expect(saidKey(() => parseRuleSetting('answer-rate', '150%'))).toBe('alert.over100');
  });
  it('stalled: 20m, 20 and 1h are minutes', () => {
    expect(parseRuleSetting('stalled', '20m').threshold).toBe(parseDecimal('20'));
    expect(parseRuleSetting('stalled', '20').threshold).toBe(parseDecimal('20'));
    expect(parseRuleSetting('stalled', '1h').threshold).toBe(parseDecimal('60'));
    expect(saidKey(() => parseRuleSetting('stalled', 'soon'))).toBe('alert.notMinutes');
    expect(saidKey(() => parseRuleSetting('stalled', '0m'))).toBe('alert.notMinutes');
  });
  it('off turns a rule off; nothing is a missing value', () => {
    expect(parseRuleSetting('stalled', 'off').enabled).toBe(false);
    expect(saidKey(() => parseRuleSetting('errors', ''))).toBe('alert.missingValue');
  });
  it('budget: whole blocks of 1 or more, or off; 0, negative and decimals are refused', () => {
    expect(parseBudget('5000')).toBe(5000);
    expect(parseBudget('off')).toBeNull();
    for (const bad of ['0', '-5', '12.5', 'lots', '']) expect(saidKey(() => parseBudget(bad))).toBe('alert.badBudget');
  });
});
