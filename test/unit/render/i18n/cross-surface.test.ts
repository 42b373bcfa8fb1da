import { CampaignListReport } from '../../../../src/domain/report-model';
import { helpEntries, notUnderstoodText } from '../../../../src/render/help-entries';
import { en } from '../../../../src/render/i18n/en';
import { messagesFor } from '../../../../src/render/i18n/messages';
import { vi } from '../../../../src/render/i18n/vi';
import {
  USAGE_COLUMNS,
  campaignSections,
  footnoteTexts,
  rateFigure,
  statusText,
  usageChanges,
  usageColumnLabel,
  usageNotes,
  usageValue,
} from '../../../../src/render/report-figures';
import { sampleCallsReport, sampleCampaignReport, sampleUsageReport } from '../fixtures-cmp-1-000';
import { escapeHtml } from '../../../../src/render/html-escape';
import { keyFigures } from '../../../../src/render/key-figures';
import { ENGLISH_FRAGMENTS, Reports, htmlSurfaces, surfaces } from './surface-text';

const LIST: CampaignListReport = {
  kind: 'campaign-list',
  filter: 'all',
  timeZone: 'Asia/Ho_Chi_Minh',
  locale: 'en-US',
  campaigns: [
    {
      id: 'cmp-1-000',
      name: 'Đợt 0',
      botId: 'bot-debt',
      state: 'complete',
      totalCalls: 43,
      answerRate: 18 / 43,
      lastCallAt: '2026-10-30T15:55:21Z',
    },
    {
      id: 'cmp-1-001',
      name: 'Đợt 1',
      botId: 'bot-debt',
      state: 'settling',
      totalCalls: 1200,
      answerRate: 0.5,
      lastCallAt: '2026-10-31T15:55:21Z',
    },
    {
      id: 'cmp-1-002',
      name: 'Đợt 2',
      botId: 'bot-debt',
      state: 'running',
      totalCalls: 0,
      answerRate: null,
      lastCallAt: null,
    },
  ],
};

function reportsIn(locale: string): Reports {
  // A running campaign with unknown cost: every footnote, the preliminary state, "unknown" money.
  const campaign = { ...sampleCampaignReport({ state: 'running', final: false }), locale };
  campaign.overview = { ...campaign.overview, costs: { ...campaign.overview.costs, totalCost: null } };
  campaign.footnotes = ['callDuration', 'preliminary', 'costUnknown'];
  const calls = { ...sampleCallsReport(), locale, filter: { status: 'unsuccessful' as const } };
  return { campaign, calls, usage: { ...sampleUsageReport(), locale }, list: { ...LIST, locale } };
}

const LOCALES = ['en-US', 'vi-VN'] as const;
const CHAT_AND_TERMINAL = ['slack', 'teams', 'cli'] as const;

/** The surfaces of one report kind, by name ("slack campaign", "teams campaign", "cli campaign"). */
function of(all: Record<string, string>, report: string): [string, string][] {
  return CHAT_AND_TERMINAL.map((surface) => [`${surface} ${report}`, all[`${surface} ${report}`]]);
}

describe.each(LOCALES)('one wording on Slack, Teams, the CLI, the email and the page (%s)', (locale) => {
  const reports = reportsIn(locale);
  const all = surfaces(reports);
  const html = htmlSurfaces(reports);
  const m = messagesFor(locale);

  it('the email and the page show each campaign figure with the same label and value, and the same state and notes', () => {
    const { campaign } = reports;
    for (const surface of ['email campaign', 'page campaign']) {
      for (const section of campaignSections(campaign)) {
        for (const figure of section.figures) {
          // A figure row: the label (and its detail) in one cell, the value in the next (styles inlined in the email).
          const label = escape(escapeHtml(figure.label));
          const value = escape(escapeHtml(figure.value));
          const row = new RegExp(`>${label}(?:<div[^>]*>[^<]*</div>)?</td><td[^>]*>${value}</td>`);
          expect({ surface, figure: figure.label, shown: row.test(html[surface]) }).toEqual({
            surface,
            figure: figure.label,
            shown: true,
          });
        }
      }
      for (const figure of keyFigures(campaign)) {
        const tile = new RegExp(
          `>${escape(escapeHtml(figure.label))}</div><div[^>]*>${escape(escapeHtml(figure.value))}</div>`,
        );
        expect({ surface, tile: figure.label, shown: tile.test(html[surface]) }).toEqual({
          surface,
          tile: figure.label,
          shown: true,
        });
      }
      for (const words of [statusText(campaign), ...footnoteTexts(campaign.footnotes, m), m.t('resultCodes.title')]) {
        expect({ surface, words, shown: all[surface].includes(words) }).toEqual({ surface, words, shown: true });
      }
    }
    for (const words of USAGE_COLUMNS.map((column) => usageColumnLabel(column, m))) {
      expect({ words, shown: all['email usage'].includes(words) }).toEqual({ words, shown: true });
    }
  });

  it('shows every campaign figure as the same label and the same value, and the same state, rates and notes', () => {
    const { campaign } = reports;
    const expected = [
      statusText(campaign),
      ...footnoteTexts(campaign.footnotes, m),
      ...campaign.rates.map((rate) => rateFigure(rate, m).detail ?? ''),
      m.t('resultCodes.title'),
    ];
    for (const [surface, text] of of(all, 'campaign')) {
      for (const section of campaignSections(campaign)) {
        for (const figure of section.figures) {
          // Slack fields and Teams facts read "label" above "value"; the terminal puts them on one line.
          const pattern = surface.startsWith('cli')
            ? new RegExp(`^ +${escape(figure.label)} +${escape(figure.value)}(?: |$)`, 'm')
            : new RegExp(`^${escape(figure.label)}\\n${escape(figure.value)}$`, 'm');
          expect({ surface, figure: figure.label, shown: pattern.test(text) }).toEqual({
            surface,
            figure: figure.label,
            shown: true,
          });
        }
      }
      for (const words of expected)
        expect({ surface, words, shown: text.includes(words) }).toEqual({ surface, words, shown: true });
    }
  });

  it('shows the usage labels, totals and signed changes the same way', () => {
    const { usage } = reports;
    const changes = usageChanges(usage) ?? [];
    const expected = [
      ...USAGE_COLUMNS.flatMap((column) => [usageColumnLabel(column, m), usageValue(column, usage.usage.total, m)]),
      ...changes.map((change) => change.change),
      ...usageNotes(usage),
      m.t('word.total'),
    ];
    for (const [surface, text] of of(all, 'usage')) {
      for (const words of expected)
        expect({ surface, words, shown: text.includes(words) }).toEqual({ surface, words, shown: true });
    }
    // One sign convention: "+29", "-7", "0"; no "−" (U+2212) or "±" anywhere.
    for (const [surface, text] of of(all, 'usage'))
      expect({ surface, signs: text.match(/[−±]/g) }).toEqual({ surface, signs: null });
    expect(all['slack usage']).toContain('(-7)');
  });

  it('names states, statuses and columns of lists and calls the same way', () => {
    const listWords = [
      ...(['running', 'settling', 'complete'] as const).map((state) => m.state(state)),
      m.t('list.answerRateNote'),
    ];
    for (const [surface, text] of of(all, 'list')) {
      for (const words of listWords)
        expect({ surface, words, shown: text.includes(words) }).toEqual({ surface, words, shown: true });
    }
    const callWords = [
      m.callStatus('unsuccessful'),
      m.callStatus('successful'),
      m.callStatus('error'),
      m.t('calls.phonesMasked'),
    ];
    for (const [surface, text] of of(all, 'calls')) {
      for (const words of callWords)
        expect({ surface, words, shown: text.includes(words) }).toEqual({ surface, words, shown: true });
    }
    const columns = (
      ['startedAt', 'callId', 'customer', 'phone', 'attempt', 'status', 'code', 'callDuration'] as const
    ).map((key) => m.t(`calls.column.${key}`));
    for (const surface of ['teams calls', 'cli calls']) {
      for (const words of columns)
        expect({ surface, words, shown: all[surface].includes(words) }).toEqual({ surface, words, shown: true });
    }
  });

  it('builds the Slack and the Teams help from the one grammar, with the same reason for what it did not understand', () => {
    for (const surface of ['slack help', 'teams help']) {
      for (const entry of helpEntries(m)) {
        for (const words of [entry.usage, entry.does])
          expect({ surface, words, shown: all[surface].includes(words) }).toEqual({ surface, words, shown: true });
      }
    }
    expect(all['slack help']).toContain(
      notUnderstoodText({ text: 'x y', reason: { key: 'notACommand', value: 'x' } }, m),
    );
    expect(all['teams help']).toContain(notUnderstoodText({ text: 'x y', reason: { key: 'listState' } }, m));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('a Vietnamese account reads no English', () => {
  const fragments = ENGLISH_FRAGMENTS;

  it('has English fragments to look for (the check can fail)', () => {
    expect(fragments.length).toBeGreaterThan(100);
    expect(fragments).toContain('Answer rate');
  });

  it.each(Object.entries(surfaces(reportsIn('vi-VN'))))('%s', (_surface, text) => {
    expect(fragments.filter((fragment) => text.includes(fragment))).toEqual([]);
  });

  it('while the same report in English shows them', () => {
    const text = Object.values(surfaces(reportsIn('en-US'))).join('\n');
    expect(fragments.filter((fragment) => text.includes(fragment)).length).toBeGreaterThan(60);
    expect(vi['rate.answerRate']).not.toBe(en['rate.answerRate']);
  });
});
