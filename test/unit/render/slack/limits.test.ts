import { escapeSlackText } from '../../../../src/render/slack/escape';
import { chunkLines, ELLIPSIS, fitLines, truncateText } from '../../../../src/render/slack/limits';

describe('truncateText', () => {
  it('keeps text that fits', () => {
    expect(truncateText('abc', 3)).toBe('abc');
  });

  it('cuts to the limit with an ellipsis', () => {
    const cut = truncateText('abcdefghij', 5);
    expect(cut).toBe(`abcd${ELLIPSIS}`);
    expect(cut.length).toBe(5);
  });

  it('never leaves half an entity', () => {
    const escaped = escapeSlackText('ab<<<<<<');
    for (let max = 1; max < escaped.length; max += 1) {
      const cut = truncateText(escaped, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&;]/);
    }
  });

  it('never leaves half a surrogate pair', () => {
    const cut = truncateText('a😀😀😀', 3);
    expect(cut).toBe(`a${ELLIPSIS}`);
  });
});

describe('fitLines', () => {
  const more = (n: number) => `…and ${n} more`;

  it('joins everything when it fits', () => {
    expect(fitLines(['a', 'b'], 10, more)).toBe('a\nb');
  });

  it('replaces what does not fit with a count, within the limit', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const text = fitLines(lines, 60, more);
    expect(text.length).toBeLessThanOrEqual(60);
    const kept = text.split('\n').length - 1;
    expect(text.endsWith(`…and ${100 - kept} more`)).toBe(true);
  });
});

describe('chunkLines', () => {
  it('splits into chunks within the limit without losing a line', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i}`);
    const chunks = chunkLines(lines, 40);
    expect(chunks.every((chunk) => chunk.length <= 40)).toBe(true);
    expect(chunks.join('\n').split('\n')).toEqual(lines);
  });
});
