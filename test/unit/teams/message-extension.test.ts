import { MAX_SEARCH_CHARS, searchText } from '../../../src/adapters/teams/campaign-search';
import { reportLinkToken } from '../../../src/adapters/teams/message-extension';

const BASE = 'https://reports.example.com';

describe('the Teams message extension reads what people type and paste', () => {
  it('takes the search text on one line, without control characters, at most 100 characters', () => {
    expect(searchText('  cmp-1 ')).toBe('cmp-1');
    expect(searchText('cmp\u0000-1\n\t2')).toBe('cmp -1 2');
    expect(searchText('Đợt'.repeat(100))).toHaveLength(MAX_SEARCH_CHARS);
    expect(searchText(undefined)).toBe('');
    expect(searchText({ toString: () => 'x' })).toBe('');
  });

  it('finds the token of a report link of this server only, page or CSV', () => {
    expect(reportLinkToken(`${BASE}/reports/abc.DEF-1_x`, BASE)).toBe('abc.DEF-1_x');
    expect(reportLinkToken(`${BASE}/reports/abc.csv?utm=1#top`, `${BASE}/`)).toBe('abc');
    expect(reportLinkToken(`https://evil.example.com/reports/abc`, BASE)).toBeNull();
    expect(reportLinkToken(`${BASE}.evil.example.com/reports/abc`, BASE)).toBeNull();
    expect(reportLinkToken(`${BASE}/r/abc`, BASE)).toBeNull();
    expect(reportLinkToken(`${BASE}/reports/a/b`, BASE)).toBeNull();
    expect(reportLinkToken(`${BASE}/reports/`, BASE)).toBeNull();
    expect(reportLinkToken(`${BASE}/reports/${'a'.repeat(3000)}`, BASE)).toBeNull();
    expect(reportLinkToken(`${BASE}/reports/abc`, undefined)).toBeNull();
    expect(reportLinkToken(42, BASE)).toBeNull();
  });
});
