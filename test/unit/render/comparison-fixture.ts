import { withMonthToDate } from '../../../src/domain/month-to-date';
import { buildCampaignReport, buildUsageReport } from '../../../src/domain/report-builders';
import { CampaignReport, UsageReport } from '../../../src/domain/report-model';
import { sampleCampaignReport, sampleUsageReport } from './fixtures-cmp-1-000';

/**
 * The sample campaign cmp-1-000 (18 of 43 calls answered, 18 of 27 customers approached, average 182,125 ms,
 * total cost 128,138.48 ₫) compared by hand with a previous campaign whose name is hostile: 20 of 40 answered,
 * 12 of 24 approached, average 170,000 ms, cost per approached customer 7,500 ₫.
 */
export const PREVIOUS_NAME = '<!channel> *Đợt* trước & <b>';

export function comparedReport(locale = 'en-US'): CampaignReport {
  const base = sampleCampaignReport();
  const overview = {
    ...base.overview,
    comparison: {
      previousCampaignId: 'cmp-0-900',
      previousCampaignName: PREVIOUS_NAME,
      previousFirstCallAt: '2026-10-01T01:00:00.000Z',
      answerRatePoints: (100 * (18 * 40 - 20 * 43)) / (43 * 40), // −8.14
      contactRatePoints: (100 * (18 * 24 - 12 * 27)) / (27 * 24), // +16.67
      previousAnswerRate: 0.5,
      previousContactRate: 0.5,
      averageCallDurationMs: { current: 182_125, previous: 170_000, change: 12_125 },
      // 128138.48 / 18 = 7118.804… → 7118.8
      costPerApproachedCustomer: { current: '7118.8', previous: '7500', change: '-381.2', currency: 'VND' },
    },
  };
  return buildCampaignReport(overview, base.timeline, locale, base.updated, base.unmappedReasons);
}

/** The sample campaign with no previous campaign (`comparison: null`), as the loader gives it. */
export function uncomparedReport(locale = 'en-US'): CampaignReport {
  const base = sampleCampaignReport();
  return buildCampaignReport({ ...base.overview, comparison: null }, base.timeline, locale);
}

/**
 * October 2026 of the usage sample read on 6 October in Asia/Ho_Chi_Minh: day 6 of 31. Projected by hand:
 * bot-debt 80 × 31 / 6 = 413.33 → 413; bot-survey 79 × 31 / 6 = 408.17 → 408; total 159 × 31 / 6 = 821.5 → 822.
 */
export function monthToDateUsageReport(locale = 'en-US'): UsageReport {
  const base = sampleUsageReport(false);
  const usage = withMonthToDate(base.usage, new Date('2026-10-06T03:00:00Z'));
  return buildUsageReport(usage, null, locale);
}
