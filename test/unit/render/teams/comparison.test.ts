import { renderCampaignCard } from '../../../../src/render/teams/campaign';
import { renderUsageCard } from '../../../../src/render/teams/usage';
import { asShown, parseAdaptiveCard, parsedTexts } from '../../../support/adaptive-card-parser';
import { facts } from './card-test-support';
import { PREVIOUS_NAME, comparedReport, monthToDateUsageReport } from '../comparison-fixture';
import { sampleUsageReport } from '../fixtures-cmp-1-000';

describe('the comparison in the Teams card, as the adaptivecards parser reads it', () => {
  it('has a heading, a line a figure and the note, the previous name shown as typed', () => {
    const parsed = parseAdaptiveCard(renderCampaignCard(comparedReport(), { chartImages: [] }));
    expect(parsed.problems).toEqual([]);
    const texts = parsedTexts(parsed).map(asShown);
    const at = texts.indexOf(`Compared with the previous campaign: ${PREVIOUS_NAME} (cmp-0-900)`);
    expect(at).toBeGreaterThan(0);
    expect(texts.slice(at + 1, at + 5)).toEqual([
      'Answer rate 41.9% — down 8.1 points on cmp-0-900 (50.0%)',
      'Contact rate 66.7% — up 16.7 points on cmp-0-900 (50.0%)',
      'Average call duration 0:03:02 — up 0:00:12 on cmp-0-900 (0:02:50)',
      'Cost per approached customer 7,119 ₫ — down 381 ₫ on cmp-0-900 (7,500 ₫)',
    ]);
    expect(texts[at + 5]).toContain('Cost per approached customer = total cost / approached customers.');
    // Literal TextRuns: what the card carries is what every client shows, no Markdown backslashes.
    expect(parsedTexts(parsed)).toContain(`Compared with the previous campaign: ${PREVIOUS_NAME} (cmp-0-900)`);
  });

  it('is in Vietnamese for a Vietnamese account', () => {
    const texts = parsedTexts(parseAdaptiveCard(renderCampaignCard(comparedReport('vi-VN'), { chartImages: [] }))).map(
      asShown,
    );
    expect(texts).toContain('Tỷ lệ nghe máy 41,9% — giảm 8,1 điểm so với cmp-0-900 (50,0%)');
  });
});

describe('the month to date in the Teams usage card', () => {
  it('marks the month and lists blocks so far → projected per bot and in total', () => {
    const parsed = parseAdaptiveCard(renderUsageCard(monthToDateUsageReport()));
    expect(parsed.problems).toEqual([]);
    const texts = parsedTexts(parsed).map(asShown);
    expect(texts).toContain('Month to date: 2026-10 is on day 6 of 31 in Asia/Ho_Chi_Minh.');
    expect(texts).toContain("Blocks projected to the month's end (Blocks so far → Projected)");
    expect(texts).toContain(
      'Projected = blocks so far × 31 days in the month / 6 days elapsed (today included), rounded half up.',
    );
    expect(facts(renderUsageCard(monthToDateUsageReport()))).toEqual(
      expect.arrayContaining([
        ['Nhắc nợ "Tháng", vòng 1 (bot-debt)', '80 → 413'],
        ['Khảo sát (bot-survey)', '79 → 408'],
        ['Total', '159 → 822'],
      ]),
    );
  });

  it('says nothing of it for a month that has ended', () => {
    expect(JSON.stringify(renderUsageCard(sampleUsageReport()))).not.toContain('Month to date');
  });
});
