import { checkSync } from 'recheck';
import { MENTION_PATTERNS } from '../../../src/domain/command-grammar';
import { SIGNATURE_PART_PATTERNS } from '../../../src/domain/webhook-signature';
import { FIELD_PATTERNS } from '../../../src/ingest/field-rules';
import { CONNECTOR_PATH } from '../../../src/http/connector-route';
import { AUDIO_TYPE } from '../../../src/http/recording-route';

/**
 * Every pattern that reads untrusted text runs in linear time, proved by a ReDoS checker (recheck analyses
 * the automaton: no two quantified parts can match the same characters), not by timing it.
 */
const patterns: [string, RegExp][] = [
  ...Object.entries(FIELD_PATTERNS).map(([name, pattern]): [string, RegExp] => [`field ${name}`, pattern]),
  ...Object.entries(SIGNATURE_PART_PATTERNS).map(([name, pattern]): [string, RegExp] => [`signature ${name}`, pattern]),
  ...Object.entries(MENTION_PATTERNS).map(([name, pattern]): [string, RegExp] => [`${name} mention`, pattern]),
  ['connector path', CONNECTOR_PATH],
  ['recording download type', AUDIO_TYPE],
];

/** `*`, `+` or `{n,}` not escaped. */
const UNBOUNDED_REPETITION = /(?<!\\)[*+]|\{\d+,\}/;

describe('patterns over untrusted text', () => {
  it.each(patterns)('%s is linear', (_name, pattern) => {
    const diagnostics = checkSync(pattern.source, pattern.flags);
    expect(diagnostics.status).toBe('safe');
    if (diagnostics.status !== 'safe') return;
    if (diagnostics.complexity.isFuzz) {
      // Too large an automaton to analyse; then it must be anchored with bounded repetition only, so that a
      // match attempt reads a fixed number of characters.
      expect(pattern.source.startsWith('^')).toBe(true);
      expect(UNBOUNDED_REPETITION.test(pattern.source)).toBe(false);
    } else {
      // "safe" without fuzzing: no unbounded repetition at all (constant time); "linear": proved linear.
      expect(['safe', 'linear']).toContain(diagnostics.complexity.type);
    }
  });

  it('the report_emails pattern before the fix is found quadratic (the checker can see the bug)', () => {
    const before = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
    const diagnostics = checkSync(before.source, before.flags);
    expect(diagnostics.status).toBe('vulnerable');
  });
});
