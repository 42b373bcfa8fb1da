import { EXPECTED_FIGURES } from '../fixtures-cmp-1-000';
import { SLACK_ACTION_IDS } from '../../../../src/render/slack/actions';
import { renderSlackCampaignReport } from '../../../../src/render/slack/campaign';
import { MAX_HEADER_TEXT, MAX_IMAGE_URL, MAX_SECTION_TEXT } from '../../../../src/render/slack/limits';
import { buildCampaignReport } from '../../../../src/domain/report-builders';
import {
  fieldValue,
  limitViolations,
  sampleCampaignReport,
  sampleOverview,
  SAMPLE_TIMELINE,
  sectionTexts,
  textsOf,
} from '../slack-test-support';

describe('renderSlackCampaignReport on the sample campaign cmp-1-000', () => {
  const message = renderSlackCampaignReport(sampleCampaignReport());

  it('heads with the name and the state', () => {
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Đợt 0, "Nhắc nợ "Tháng", vòng 1" · Complete, final', emoji: true },
    });
  });

  it.each(EXPECTED_FIGURES)('shows %s = %s', (label, value) => {
    expect(fieldValue(message, label)).toBe(value);
  });

  it('lists result codes in the metrics order', () => {
    expect(sectionTexts(message)).toContain(
      '*Result codes*\nNA 12 · CU 9 · BS 4 · CALLBACK_LATER 4 · PAID 4 · PROMISE_TO_PAY 3 · WRONG_PERSON 3 · AGREE 2 · REFUSE 2',
    );
  });

  it('explains each rate with its formula, numerator and denominator', () => {
    const rates = message.blocks.find(
      (block) => block.type === 'context' && block.elements[0].text.startsWith('*Answer rate'),
    );
    expect(rates).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          verbatim: true,
          text: '*Answer rate 41.9%* = successful calls / all calls (per attempt, callbacks included) = 18 / 43',
        },
        {
          type: 'mrkdwn',
          verbatim: true,
          text: '*Contact rate 66.7%* = customers with a successful call / customers in the campaign = 18 / 27',
        },
      ],
    });
  });

  it('shows first and last call in the campaign time zone', () => {
    const context = message.blocks[1];
    expect(context.type === 'context' && context.elements[1].text).toBe(
      'First call 2026-10-30 22:36:02 · last call 2026-10-30 22:55:21 (Asia/Ho_Chi_Minh)',
    );
  });

  it('carries the footnotes', () => {
    const texts = textsOf(message).map((entry) => entry.text);
    expect(texts).toContain(
      'Call duration counts answered time only (answered to ended); dialing duration runs from dialing to answer or hang-up.',
    );
  });

  it('has a meaningful fallback text', () => {
    expect(message.text).toBe(
      'Đợt 0, "Nhắc nợ "Tháng", vòng 1" (Complete, final): 43 calls, answer rate 41.9%, contact rate 66.7%, ' +
        'total call time 0:54:38, total cost 128,138 ₫.',
    );
  });

  it('stands in a text table for each chart without an image', () => {
    const tables = sectionTexts(message).filter((text) => text.includes('```'));
    expect(tables).toHaveLength(3);
    expect(tables[0]).toBe(
      '*Calls by status*\n```\nSuccessful         18\nBusy (BS)           4\nNo answer (NA)     12\nError (CU)          9\n```',
    );
    expect(tables[2]).toContain('10-30 22:00');
  });

  it('keeps every limit', () => {
    expect(limitViolations(message)).toEqual([]);
  });

  it('has only the Calls button by default', () => {
    const actions = message.blocks.filter((block) => block.type === 'actions');
    expect(actions).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Calls', emoji: true },
            action_id: 'open_calls',
            value: 'cmp-1-000',
          },
        ],
      },
    ]);
  });
});

describe('renderSlackCampaignReport states and options', () => {
  it('says running, preliminary and updated', () => {
    const report = sampleCampaignReport({ state: 'running', final: false }, true);
    const message = renderSlackCampaignReport(report);
    const header = message.blocks[0];
    expect(header.type === 'header' && header.text.text).toBe(
      'Đợt 0, "Nhắc nợ "Tháng", vòng 1" · Running, preliminary, updated',
    );
    expect(message.text).toContain('(Running, preliminary, updated)');
  });

  it('offers share, calls and full-report buttons', () => {
    const message = renderSlackCampaignReport(sampleCampaignReport(), {
      shareable: true,
      fullReportUrl: 'https://reports.example.com/c/cmp-1-000',
    });
    const actions = message.blocks.find((block) => block.type === 'actions');
    expect(
      actions?.type === 'actions' &&
        actions.elements.map((e) => (e.type === 'button' ? [e.action_id, e.value, e.url] : [])),
    ).toEqual([
      [SLACK_ACTION_IDS.shareReport, 'cmp-1-000', undefined],
      [SLACK_ACTION_IDS.openCalls, 'cmp-1-000', undefined],
      [SLACK_ACTION_IDS.openFullReport, undefined, 'https://reports.example.com/c/cmp-1-000'],
    ]);
    expect(
      renderSlackCampaignReport(sampleCampaignReport(), { callsButton: false }).blocks.some(
        (b) => b.type === 'actions',
      ),
    ).toBe(false);
  });

  it('shows chart images by URL or Slack file, in the model order', () => {
    const message = renderSlackCampaignReport(sampleCampaignReport(), {
      charts: [
        { chartId: 'result-codes', slackFileId: 'F0123', altText: 'Result codes: NA 12' },
        { chartId: 'call-status', imageUrl: 'https://quickchart.io/chart?c=x', altText: 'Calls by status' },
      ],
    });
    const images = message.blocks.filter((block) => block.type === 'image');
    expect(images).toEqual([
      {
        type: 'image',
        image_url: 'https://quickchart.io/chart?c=x',
        alt_text: 'Calls by status',
        title: { type: 'plain_text', text: 'Calls by status', emoji: true },
      },
      {
        type: 'image',
        slack_file: { id: 'F0123' },
        alt_text: 'Result codes: NA 12',
        title: { type: 'plain_text', text: 'Result codes', emoji: true },
      },
    ]);
    // The hourly chart had no image: its table stands in.
    expect(sectionTexts(message).filter((text) => text.includes('```'))).toHaveLength(1);
  });

  it(`MAX_IMAGE_URL (${MAX_IMAGE_URL}): a longer chart URL gives way to the text table`, () => {
    const url = `https://quickchart.io/chart?c=${'a'.repeat(MAX_IMAGE_URL)}`;
    const message = renderSlackCampaignReport(sampleCampaignReport(), {
      charts: [{ chartId: 'call-status', imageUrl: url, altText: 'Calls by status' }],
    });
    expect(message.blocks.some((block) => block.type === 'image')).toBe(false);
    expect(sectionTexts(message).some((text) => text.startsWith('*Calls by status*\n```'))).toBe(true);
    expect(limitViolations(message)).toEqual([]);
  });

  it('MAX_ALT_TEXT: a long alt text is cut', () => {
    const message = renderSlackCampaignReport(sampleCampaignReport(), {
      charts: [{ chartId: 'call-status', imageUrl: 'https://q.example/c', altText: 'a'.repeat(5000) }],
    });
    const image = message.blocks.find((block) => block.type === 'image');
    expect(image?.type === 'image' && image.alt_text.length).toBe(2000);
  });

  it(`MAX_HEADER_TEXT (${MAX_HEADER_TEXT}): a 400-character name is cut, the state kept`, () => {
    const message = renderSlackCampaignReport(sampleCampaignReport({ name: 'N'.repeat(400) }, true));
    const header = message.blocks[0];
    expect(header.type === 'header' && header.text.text.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
    expect(header.type === 'header' && header.text.text.endsWith('… · Complete, final, updated')).toBe(true);
    expect(limitViolations(message)).toEqual([]);
  });

  it('cuts a long name of ampersands without breaking an entity', () => {
    const message = renderSlackCampaignReport(sampleCampaignReport({ name: '&'.repeat(400) }));
    const header = message.blocks[0];
    const text = header.type === 'header' ? header.text.text : '';
    expect(text.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
    expect(text).toMatch(/^(&amp;)+… · Complete, final$/);
  });

  it(`MAX_SECTION_TEXT (${MAX_SECTION_TEXT}): 2000 result codes fit with a count of the rest`, () => {
    const overview = sampleOverview();
    overview.resultCodes = Array.from({ length: 2000 }, (_, i) => ({ code: `CODE_NUMBER_${i}`, count: 2000 - i }));
    const message = renderSlackCampaignReport(buildCampaignReport(overview, SAMPLE_TIMELINE, 'en-US'));
    const codes = sectionTexts(message).find(
      (text) => text.startsWith('*Result codes*\nNA') || text.startsWith('*Result codes*\nCODE'),
    );
    expect(codes).toBeDefined();
    expect(codes!.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(codes).toMatch(/… and [\d,]+ more codes$/);
    expect(limitViolations(message)).toEqual([]);
  });

  it('escapes a name that tries to ping, HTML and ampersands everywhere it appears', () => {
    const report = sampleCampaignReport({ name: '<!channel> <b>Tết</b> & co', id: 'cmp-<@U1>', botId: 'bot&<x>' });
    const message = renderSlackCampaignReport(report, { shareable: true });
    for (const { where, text } of textsOf(message))
      expect([where, text]).toEqual([where, expect.not.stringMatching(/[<>]/)]);
    // Button values are data handed back to us, never shown: they carry the id as it is.
    const actions = message.blocks.find((block) => block.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((e) => (e.type === 'button' ? e.value : null))).toEqual([
      'cmp-<@U1>',
      'cmp-<@U1>',
    ]);
    const header = message.blocks[0];
    expect(header.type === 'header' && header.text.text).toBe(
      '&lt;!channel&gt; &lt;b&gt;Tết&lt;/b&gt; &amp; co · Complete, final',
    );
    expect(message.text.startsWith('&lt;!channel&gt; &lt;b&gt;Tết&lt;/b&gt; &amp; co (Complete, final)')).toBe(true);
    const context = message.blocks[1];
    expect(context.type === 'context' && context.elements[0].text).toBe(
      'Campaign cmp-&lt;@U1&gt; · voicebot bot&amp;&lt;x&gt;',
    );
  });

  it('reads well with no calls at all', () => {
    const overview = sampleOverview();
    overview.calls = { total: 0, callbacks: 0, successful: 0, unsuccessful: 0, error: 0, busy: 0, noAnswer: 0 };
    overview.resultCodes = [];
    overview.costs = { ...overview.costs, averageCallDurationMs: null, totalCost: null };
    overview.rates = { answerRate: null, contactRate: null };
    const message = renderSlackCampaignReport(buildCampaignReport(overview, [], 'en-US'));
    expect(fieldValue(message, 'Answer rate')).toBe('–');
    expect(fieldValue(message, 'Average call duration')).toBe('–');
    expect(fieldValue(message, 'Total cost')).toBe('unknown');
    expect(sectionTexts(message)).toContain('*Result codes*\nNo calls yet.');
    expect(limitViolations(message)).toEqual([]);
  });
});
