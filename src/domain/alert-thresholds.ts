import { ALERT_RULES, RuleSetting, THRESHOLD_RULES, ThresholdRule } from './alert-rules';
import { DECIMAL_SCALE, isDecimalString, parseDecimal } from './decimal';
import { InvalidInput, SaidKey } from './errors';

/**
 * What people type to change an alert (`alert errors 25%`, `alert answer-rate 0.6`, `alert stalled 20m`,
 * `alert errors off`, `budget bot-1 5000`), checked: anything else is one line saying what to type.
 */

const UNIT = 10n ** BigInt(DECIMAL_SCALE);
const HOW_ALERT = 'alert errors 25%, alert answer-rate 0.6, alert stalled 20m, or alert <rule> off';

type AlertSaidKey = Extract<SaidKey, `alert.${string}`> extends `alert.${infer K}` ? K : never;

function bad(message: string, key: AlertSaidKey, values: Record<string, string> = {}): InvalidInput {
  return new InvalidInput(`${message}; type for example: ${HOW_ALERT}`, [], 0, { key: `alert.${key}`, values });
}

export function isThresholdRule(text: string): text is ThresholdRule {
  return (THRESHOLD_RULES as readonly string[]).includes(text);
}

export function parseThresholdRule(text: string | undefined): ThresholdRule {
  const rule = (text ?? '').trim().toLowerCase();
  if (isThresholdRule(rule)) return rule;
  if (rule === 'budget') {
    throw new InvalidInput('the budget is set per voicebot; type: budget <bot_id> <blocks or off>', [], 0, {
      key: 'alert.budgetPerBot',
    });
  }
  throw bad(`unknown alert rule "${text ?? ''}" (the rules: ${ALERT_RULES.join(', ')})`, 'unknownRule', {
    rule: text ?? '',
  });
}

/** A positive decimal of at most 6 places, or null. */
function positiveDecimal(text: string): bigint | null {
  if (!isDecimalString(text)) return null;
  const value = parseDecimal(text);
  return value > 0n ? value : null;
}

/** `25%` or `25` (percent of the last 50 calls), above 0 and at most 100. */
function parseErrors(text: string): bigint {
  const value = positiveDecimal(text.replace(/\s*%$/, ''));
  if (value === null)
    throw bad(`the errors threshold must be a percentage such as 25%, not "${text}"`, 'notPercent', { value: text });
  if (value > 100n * UNIT) throw bad(`a percentage cannot be over 100 % ("${text}")`, 'over100', { value: text });
  return value;
}

/** `0.6` (a multiple of the bot's usual answer rate) or `60%`; above 0 and at most 1. */
function parseAnswerRate(text: string): bigint {
  const percent = /%$/.test(text.trim());
  const value = positiveDecimal(text.trim().replace(/\s*%$/, ''));
  if (value === null) {
    throw bad(
      `the answer-rate threshold must be a multiple of the usual rate such as 0.6, not "${text}"`,
      'notFactor',
      {
        value: text,
      },
    );
  }
  if (percent && value > 100n * UNIT)
    throw bad(`a percentage cannot be over 100 % ("${text}")`, 'over100', { value: text });
  const factor = percent ? value / 100n : value;
  if (factor > UNIT || factor === 0n) {
    throw bad(`the answer-rate threshold is a multiple from 0 to 1 of the usual rate, not "${text}"`, 'notFactor', {
      value: text,
    });
  }
  return factor;
}

/** `20m`, `20`, `2h`: whole minutes from 1 to 1440. */
function parseStalled(text: string): bigint {
  const match = /^(\d+)\s*(m|min|mins|minutes?|h|hours?|phút|giờ)?$/i.exec(text.trim());
  const minutes = match ? Number(match[1]) * (/^(h|giờ)/i.test(match[2] ?? '') ? 60 : 1) : NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    throw bad(`the stalled threshold must be whole minutes from 1 to 1440 such as 20m, not "${text}"`, 'notMinutes', {
      value: text,
    });
  }
  return BigInt(minutes) * UNIT;
}

/** `alert <rule> <value or off>` → the rule's new setting. */
export function parseRuleSetting(rule: ThresholdRule, text: string | undefined): RuleSetting {
  const value = (text ?? '').trim();
  if (!value) throw bad(`say the new threshold of ${rule} or off`, 'missingValue', { rule });
  if (/^(off|tắt)$/i.test(value)) return { enabled: false, threshold: 0n };
  const threshold =
    rule === 'errors' ? parseErrors(value) : rule === 'answer-rate' ? parseAnswerRate(value) : parseStalled(value);
  return { enabled: true, threshold };
}

/** `budget <bot> <blocks or off>` → whole blocks a month, or null for off. */
export function parseBudget(text: string | undefined): number | null {
  const value = (text ?? '').trim();
  if (/^(off|tắt)$/i.test(value)) return null;
  const blocks = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(blocks) || blocks < 1) {
    throw new InvalidInput(
      `the monthly budget must be a whole number of blocks of 1 or more (or off), not "${value}"; type for example: budget bot-1 5000`,
      [],
      0,
      { key: 'alert.badBudget', values: { value } },
    );
  }
  return blocks;
}
