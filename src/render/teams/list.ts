import { CampaignListReport } from '../../domain/report-model';
import { campaignListEmpty, campaignListTitle, messagesOf } from '../report-figures';
import {
  AdaptiveCard,
  CardElement,
  card,
  dataText,
  fits,
  largestFittingItems,
  literal,
  literalCell,
  note,
  table,
  text,
} from './card';

function campaignListCardWith(report: CampaignListReport, count: number): AdaptiveCard {
  const { timeZone } = report;
  const m = messagesOf(report);
  const heading = campaignListTitle(report);
  const body: CardElement[] = [
    text(heading, { size: 'Large', weight: 'Bolder' }),
    note(`${m.t('list.timesIn', { timeZone })} ${m.t('list.selectForReport')}`),
  ];
  if (report.campaigns.length === 0) body.push(text(campaignListEmpty(report)));
  else {
    const rows = report.campaigns.slice(0, count).map((entry) => ({
      type: 'TableRow',
      cells: [
        {
          type: 'TableCell',
          items: [
            literal(dataText(entry.name), {}, { weight: 'Bolder' }),
            literal(dataText(entry.id), { spacing: 'None' }, { isSubtle: true, size: 'Small' }),
          ],
          selectAction: { type: 'Action.Submit', title: m.t('action.report'), data: { command: entry.id } },
        },
        literalCell(m.state(entry.state)),
        literalCell(m.integer(entry.totalCalls)),
        literalCell(m.percent(entry.answerRate)),
        literalCell(m.instant(entry.lastCallAt, timeZone)),
      ],
    }));
    const header = (['campaign', 'state', 'calls', 'answerRate', 'lastCall'] as const).map((key) =>
      m.t(`list.column.${key}`),
    );
    body.push(table([4, 2, 1, 2, 3], header, rows));
    if (count < report.campaigns.length) {
      body.push(note(m.t('list.showing', { shown: m.integer(count), total: m.integer(report.campaigns.length) })));
    }
    body.push(note(m.t('list.answerRateNote')));
  }
  return card(body);
}

export function renderCampaignListCard(report: CampaignListReport): AdaptiveCard {
  const count = largestFittingItems(report.campaigns.length, (n) => fits(campaignListCardWith(report, n)));
  return campaignListCardWith(report, count);
}
