import { createRecordingToken } from '../../../src/domain/recording-token';
import { createReportPageToken, reportPageUrl, verifyReportPageToken } from '../../../src/domain/report-page-token';

describe('report page tokens', () => {
  const claim = { accountId: 'acme', campaignId: 'cmp-1', expiresAt: 2_000 };

  it('verifies its own tokens until they expire', () => {
    const token = createReportPageToken(claim, 'secret');
    expect(verifyReportPageToken(token, 'secret', 1_999)).toEqual({ ok: true, claim });
    expect(verifyReportPageToken(token, 'secret', 2_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyReportPageToken(token, 'other', 1_000)).toEqual({ ok: false, reason: 'forged' });
  });

  it('verifies with the current or the previous secret of a rotation, and with neither once it is dropped', () => {
    const rotation = { current: 'new-secret', previous: 'secret' };
    expect(verifyReportPageToken(createReportPageToken(claim, 'secret'), rotation, 1_000)).toEqual({ ok: true, claim });
    expect(verifyReportPageToken(createReportPageToken(claim, 'new-secret'), rotation, 1_000)).toEqual({
      ok: true,
      claim,
    });
    expect(verifyReportPageToken(createReportPageToken(claim, 'secret'), { current: 'new-secret' }, 1_000)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('refuses a recording token signed with the same secret', () => {
    const recording = createRecordingToken({ accountId: 'acme', callId: 'cmp-1', expiresAt: 2_000 }, 'secret');
    expect(verifyReportPageToken(recording, 'secret', 1_000)).toEqual({ ok: false, reason: 'forged' });
  });

  it('builds the "Open full report" URL under the public base URL', () => {
    const url = reportPageUrl('https://bot.example.com/', 'acme', 'cmp-1', 'secret', 1_000);
    expect(url).toMatch(/^https:\/\/bot\.example\.com\/reports\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });
});
