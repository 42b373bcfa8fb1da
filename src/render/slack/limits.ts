/** Block Kit limits (api.slack.com/reference/block-kit); each has a test that drives a report past it. */
export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_HEADER_TEXT = 150;
export const MAX_IMAGE_URL = 3000;
export const MAX_ALT_TEXT = 2000;
export const MAX_FIELDS = 10;
export const MAX_FIELD_TEXT = 2000;
export const MAX_BUTTON_TEXT = 75;
export const MAX_ACTION_ELEMENTS = 25;
export const MAX_CONTEXT_ELEMENTS = 10;
/** A context element is a text object: the same 3000 as a section's text. */
export const MAX_CONTEXT_TEXT = 3000;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_BUTTON_URL = 3000;
export const MAX_IMAGE_TITLE = 2000;
/** The top-level `text` (notifications, fallback): Slack advises at most 4000 characters. */
export const MAX_MESSAGE_TEXT = 4000;

export const ELLIPSIS = '…';

const ENTITY_AT_START = /^&(?:amp|lt|gt);/;

/**
 * Cuts escaped text to at most `max` UTF-16 units (what Slack counts, or more), ending with an ellipsis.
 * Never leaves half an entity (`&am…`) or half a surrogate pair behind.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let kept = text.slice(0, Math.max(max - ELLIPSIS.length, 0));
  const amp = kept.lastIndexOf('&');
  if (amp >= 0 && !kept.includes(';', amp) && ENTITY_AT_START.test(text.slice(amp))) kept = kept.slice(0, amp);
  const last = kept.charCodeAt(kept.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) kept = kept.slice(0, -1);
  return max < ELLIPSIS.length ? kept : kept + ELLIPSIS;
}

/**
 * Joins lines into one text of at most `max` characters; lines that do not fit are replaced by
 * `more(omitted)` (e.g. "…and 12 more codes").
 */
export function fitLines(
  lines: readonly string[],
  max: number,
  more: (omitted: number) => string,
  separator = '\n',
): string {
  const all = lines.join(separator);
  if (all.length <= max) return all;
  const kept: string[] = [];
  let length = 0;
  for (const raw of lines) {
    const line = truncateText(raw, max);
    const next = length + (kept.length > 0 ? separator.length : 0) + line.length;
    if (next > max) break;
    kept.push(line);
    length = next;
  }
  if (kept.length === lines.length) return kept.join(separator);
  while (kept.length > 0 && length + separator.length + more(lines.length - kept.length).length > max) {
    length -= (kept.pop() ?? '').length + (kept.length > 0 ? separator.length : 0);
  }
  const tail = more(lines.length - kept.length);
  return truncateText(kept.length > 0 ? `${kept.join(separator)}${separator}${tail}` : tail, max);
}

/** Splits lines into texts of at most `max` characters each, in order; a line longer than `max` is truncated. */
export function chunkLines(lines: readonly string[], max: number, separator = '\n'): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncateText(raw, max);
    if (current && current.length + separator.length + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}${separator}${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
