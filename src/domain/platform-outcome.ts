import { BUSY, CONNECTION_ERROR, NO_ANSWER, classifyResultCode, normalizeResultCode } from './call-status';

/**
 * From a voice platform's reason for the end of a call to a result code (docs/connectors.md "Outcomes"):
 * the account's code map first, then the defaults: busy → BS, no answer → NA, failed to connect, invalid
 * number, carrier or platform error → CU, answered → the business outcome the account names, else the
 * reason upper-cased. A reason neither mapped nor known is unmapped: still stored, counted and flagged.
 */
export type ReasonCategory = 'busy' | 'no_answer' | 'failed' | 'answered';

export interface OutcomeFacts {
  reason: string;
  /** What the platform's reason means, or null for a reason the connector does not know. */
  category: ReasonCategory | null;
  /** The account's code map entry for the reason, when there is one. */
  mappedCode: string | undefined;
  /** The value of the account's outcome field, when the platform sent one. */
  outcome: string | null;
  /** When the platform says the call connected; null when it never did. */
  answeredAt: Date | null;
  startedAt: Date;
}

export interface DerivedOutcome {
  resultCode: string;
  /** Set only when the result code is an answered one (docs/metrics.md "Result codes and call status"). */
  answeredAt: Date | null;
  unmapped: boolean;
}

const CATEGORY_CODES: Record<Exclude<ReasonCategory, 'answered'>, string> = {
  busy: BUSY,
  no_answer: NO_ANSWER,
  failed: CONNECTION_ERROR,
};

function answeredCode(facts: OutcomeFacts): string {
  const outcome = facts.outcome === null ? '' : normalizeResultCode(facts.outcome);
  return outcome === '' ? normalizeResultCode(facts.reason) : outcome;
}

export function defaultResultCode(category: ReasonCategory | null): string | null {
  return category === null || category === 'answered' ? null : CATEGORY_CODES[category];
}

export function deriveOutcome(facts: OutcomeFacts): DerivedOutcome {
  let resultCode: string;
  let unmapped = false;
  if (facts.mappedCode !== undefined) resultCode = normalizeResultCode(facts.mappedCode);
  else if (facts.category === 'answered') resultCode = answeredCode(facts);
  else if (facts.category !== null) resultCode = CATEGORY_CODES[facts.category];
  else {
    unmapped = true;
    resultCode = facts.answeredAt ? answeredCode(facts) : CONNECTION_ERROR;
  }
  // An answered code needs an answer time; a reason mapped to one by hand on a call the platform never
  // connected counts from the start of the call (the code map refuses that for reasons known to fail).
  const answeredAt = classifyResultCode(resultCode) === 'successful' ? (facts.answeredAt ?? facts.startedAt) : null;
  return { resultCode, answeredAt, unmapped };
}

/** Whether a code may be given to calls with this reason: calls that never connected cannot get an answered code. */
export function codeFitsCategory(category: ReasonCategory | null, code: string): boolean {
  if (category === null || category === 'answered') return true;
  return classifyResultCode(normalizeResultCode(code)) !== 'successful';
}
