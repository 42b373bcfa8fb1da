import { renderCampaignTable } from '../../../../src/render/cli/campaign';
import {
  CAMPAIGN_NAME,
  EXPECTED_FIGURES,
  EXPECTED_RATE_DETAILS,
  EXPECTED_RESULT_CODES,
  HOSTILE_NAME,
  TIME_ZONE,
  sampleCampaignReport,
} from '../fixtures-cmp-1-000';

const ANSI = /\u001b/;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function figureLine(output: string, label: string): string {
  const line = output.split('\n').find((candidate) => new RegExp(`^  ${escapeRegExp(label)}  `).test(candidate));
  if (!line) throw new Error(`no line for ${label}`);
  return line;
}

describe('renderCampaignTable', () => {
  const output = renderCampaignTable(sampleCampaignReport());

  it('shows every figure of the overview with its value', () => {
    for (const [label, value] of EXPECTED_FIGURES) {
      expect(figureLine(output, label)).toMatch(new RegExp(`^  ${escapeRegExp(label)} +${escapeRegExp(value)}(  |$)`));
    }
  });

  it('puts each rate next to its formula and numerator / denominator', () => {
    for (const [label, detail] of EXPECTED_RATE_DETAILS) expect(figureLine(output, label).endsWith(detail)).toBe(true);
  });

  it('lists result codes in order with count and share, and a total', () => {
    const lines = output.split('\n');
    const start = lines.findIndex((line) => /^  Code +Meaning +Calls +Share$/.test(line));
    expect(start).toBeGreaterThan(0);
    EXPECTED_RESULT_CODES.forEach(([code, meaning, count, share], i) => {
      expect(lines[start + 2 + i].trim().split(/ {2,}/)).toEqual([code, meaning, count, share]);
    });
    expect(output).toMatch(/^  Total +43 +100\.0%$/m);
  });

  it('has the heading, identity, time zone and footnotes', () => {
    expect(output.startsWith(`Campaign report: ${CAMPAIGN_NAME}\n`)).toBe(true);
    expect(output).toMatch(/^Campaign +cmp-1-000$/m);
    expect(output).toMatch(/^Status +Complete, final$/m);
    expect(output).toMatch(/^First call +2026-10-30 22:36:02$/m);
    expect(output).toContain(TIME_ZONE);
    expect(output).toMatch(/^  1\. Call duration counts answered time only/m);
  });

  it('marks a preliminary, updated report and its footnote', () => {
    const text = renderCampaignTable(sampleCampaignReport({ final: false, state: 'running' }, true));
    expect(text).toMatch(/^Status +Running, preliminary, updated$/m);
    expect(text).toMatch(/^  2\. Preliminary: /m);
  });

  it('keeps hostile names on one line without control characters', () => {
    const text = renderCampaignTable(sampleCampaignReport({ name: HOSTILE_NAME }));
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain('\r');
    expect(text.split('\n')[0]).toContain('<script>alert(1)</script>');
    expect(text.split('\n')[1]).toMatch(/^=+$/);
  });

  it('shows dashes when nothing was called', () => {
    const report = sampleCampaignReport();
    report.overview.calls = { total: 0, callbacks: 0, successful: 0, unsuccessful: 0, error: 0, busy: 0, noAnswer: 0 };
    report.overview.resultCodes = [];
    report.overview.costs.averageCallDurationMs = null;
    report.overview.rates = { answerRate: null, contactRate: null };
    report.rates = report.rates.map((rate) => ({ ...rate, value: null }));
    const text = renderCampaignTable(report);
    expect(figureLine(text, 'Answer rate')).toMatch(/Answer rate +–/);
    expect(figureLine(text, 'Average call duration')).toMatch(/ +– /);
    expect(text).toContain('No calls yet.');
  });
});
