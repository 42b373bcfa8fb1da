import { renderTeamsLiveCard } from '../../../../src/render/teams/live-progress';
import { HOSTILE_NAME, sampleCampaignReport } from '../fixtures-cmp-1-000';
import {
  asShown,
  parseAdaptiveCard,
  parsedActions,
  parsedFacts,
  parsedTexts,
} from '../../../support/adaptive-card-parser';
import { expectCardShape } from './card-test-support';

function running(name?: string) {
  const report = sampleCampaignReport({ state: 'running', final: false, ...(name ? { name } : {}) });
  report.overview.progress = {
    calls: 43,
    customersCalled: 27,
    customersTotal: null,
    share: null,
    callsPerMinute: 3.5,
    etaMinutes: null,
    errorShare: 9 / 43,
  };
  return report;
}

describe('renderTeamsLiveCard', () => {
  const card = renderTeamsLiveCard(running(), { updateSeconds: 30, subscribedBy: '29:abc' }, 'https://r.example/p');
  const parsed = parseAdaptiveCard(card);

  it('is an Adaptive Card the library reads without a problem', () => {
    expectCardShape(card);
    expect(parsed.problems).toEqual([]);
  });

  it('shows the live progress, why it was sent, and opens the full report', () => {
    const texts = parsedTexts(parsed).map(asShown);
    expect(texts).toContain('Live progress');
    expect(texts.join('\n')).toContain('Live: updated every 30 s until the campaign completes');
    expect(texts.join('\n')).not.toContain('29:abc');
    const facts = parsedFacts(parsed).map(([label, value]) => `${label}: ${asShown(value)}`);
    expect(facts).toContain('Customers called: 27 customers called (list size unknown)');
    expect(facts).toContain('Calls per minute: 3.5');
    expect(facts).toContain('Time left (at the current pace): unknown');
    expect(JSON.stringify(parsedActions(parsed))).toContain('https://r.example/p');
  });

  it('shows a hostile campaign name literally, as a TextRun no client reads as Markdown', () => {
    const hostile = renderTeamsLiveCard(running(HOSTILE_NAME), { updateSeconds: 30, subscribedBy: null });
    const markdown = hostile.body.filter((element) => element.type === 'TextBlock').map((element) => element.text);
    expect(markdown.join('\n')).not.toContain('evil.example');
    const runs = hostile.body
      .filter((element) => element.type === 'RichTextBlock')
      .flatMap((element) => (element.inlines as { type: string; text: string }[]).map((run) => run.type));
    expect(runs.every((type) => type === 'TextRun')).toBe(true);
    expect(JSON.stringify(hostile)).toContain('[x](https://evil.example)');
  });
});
