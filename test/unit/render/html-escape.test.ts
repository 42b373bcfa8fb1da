import { escapeHtml, safeUrlAttribute } from '../../../src/render/html-escape';

describe('escapeHtml and safeUrlAttribute', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('accepts http(s) and root-relative URLs only, escaped', () => {
    expect(safeUrlAttribute('https://x.example/a?b=1&c="2"')).toBe('https://x.example/a?b=1&amp;c=&quot;2&quot;');
    expect(safeUrlAttribute('/r/token')).toBe('/r/token');
    expect(safeUrlAttribute('javascript:alert(1)')).toBeNull();
    expect(safeUrlAttribute(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeUrlAttribute('//evil.example/x')).toBeNull();
    expect(safeUrlAttribute('data:text/html,x')).toBeNull();
    expect(safeUrlAttribute('data:image/png;base64,AA', ['data:image/'])).toBe('data:image/png;base64,AA');
  });
});
