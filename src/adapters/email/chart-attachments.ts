import type Mail from 'nodemailer/lib/mailer';
import { ChartSpec } from '../../domain/report-model';
import { cachedChartPng } from '../charts/cached-chart-png';
import { emailLane } from './quiet-lane';

/**
 * Charts drawn here (never a remote image: mail clients block those) and attached inline; the HTML
 * refers to them by Content-ID.
 */
export interface InlineCharts {
  chartCids: Record<string, string>;
  attachments: Mail.Attachment[];
}

export const CID_DOMAIN = 'campaign-report';

export async function inlineChartAttachments(
  specs: readonly ChartSpec[],
  timeZone: string,
  locale?: string,
): Promise<InlineCharts> {
  const chartCids: Record<string, string> = {};
  const attachments: Mail.Attachment[] = [];
  for (const spec of specs) {
    const png = await emailLane.run(() => cachedChartPng(spec, { timeZone, locale }));
    const cid = `${spec.id}@${CID_DOMAIN}`;
    chartCids[spec.id] = cid;
    attachments.push({
      filename: `${spec.id}.png`,
      content: png,
      contentType: 'image/png',
      cid,
      contentDisposition: 'inline',
    });
  }
  return { chartCids, attachments };
}

/** The same charts as data: URIs, for the full report page (a web page may not reference cid:). */
export async function chartDataUris(
  specs: readonly ChartSpec[],
  timeZone: string,
  locale?: string,
): Promise<Record<string, string>> {
  const uris: Record<string, string> = {};
  for (const spec of specs) {
    const png = await cachedChartPng(spec, { timeZone, locale });
    uris[spec.id] = `data:image/png;base64,${png.toString('base64')}`;
  }
  return uris;
}
