import { escapeCardMarkdown } from '../../../../src/render/teams/card';

describe('escapeCardMarkdown', () => {
  it('backslash-escapes markdown and tag characters', () => {
    expect(escapeCardMarkdown('[x](https://e.example) **b** _i_ `c` # h > q <at>me</at>')).toBe(
      '\\[x\\]\\(https://e.example\\) \\*\\*b\\*\\* \\_i\\_ \\`c\\` \\# h \\> q \\<at\\>me\\</at\\>',
    );
    expect(escapeCardMarkdown('a\\b')).toBe('a\\\\b');
    expect(escapeCardMarkdown('- item')).toBe('\\- item');
    expect(escapeCardMarkdown('1. item')).toBe('1\\. item');
    expect(escapeCardMarkdown('Đợt 0, vòng 1 - 41.9%')).toBe('Đợt 0, vòng 1 - 41.9%');
  });
});
