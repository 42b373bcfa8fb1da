/**
 * One linear pass over JSON text before JSON.parse sees it: how deep it nests and how many elements its
 * top-level array holds. So a request of 10,001 events is refused without building them, and 2.5 million
 * nested arrays (which JSON.parse builds in half a second and JSON.stringify cannot walk back) never are.
 * Strings are skipped with their escapes; the text need not be valid JSON (JSON.parse judges that after).
 */
export const MAX_JSON_DEPTH = 32;

export interface JsonShape {
  /** The deepest nesting of arrays and objects. */
  depth: number;
  /** Elements of the top-level array (0 when the text is not an array), counted up to `stopAfter`. */
  topLevelItems: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const SPACES = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);

/**
 * Reads text[start, end). Stops early, with what it saw so far, once the depth passes `maxDepth` or the
 * top-level items pass `stopAfter`.
 */
export function measureJson(
  text: string,
  start = 0,
  end = text.length,
  maxDepth = MAX_JSON_DEPTH,
  stopAfter = Infinity,
): JsonShape {
  let depth = 0;
  let deepest = 0;
  let started = false;
  let topLevelIsArray = false;
  let topLevelHasContent = false;
  let topLevelCommas = 0;
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (SPACES.has(code)) continue;
    if (!started) {
      started = true;
      topLevelIsArray = code === OPEN_ARRAY;
    } else if (depth >= 1 && !(depth === 1 && code === CLOSE_ARRAY)) {
      topLevelHasContent = true;
    }
    if (code === QUOTE) {
      i = closingQuote(text, i, end);
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > maxDepth) break;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth -= 1;
    } else if (code === COMMA && depth === 1 && topLevelIsArray) {
      topLevelCommas += 1;
      if (topLevelCommas + 1 > stopAfter) break;
    }
  }
  const topLevelItems = topLevelIsArray && topLevelHasContent ? topLevelCommas + 1 : 0;
  return { depth: deepest, topLevelItems };
}

/**
 * Where the string opened at `open` closes (or `end`): found with indexOf, so that the text of strings, most
 * of a request, is skipped at native speed. A quote preceded by an odd run of backslashes is escaped; each
 * run is counted once, for the quote right after it, so the whole pass stays linear.
 */
function closingQuote(text: string, open: number, end: number): number {
  for (let from = open + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote === -1 || quote >= end) return end;
    let backslashes = 0;
    while (quote - backslashes - 1 > open && text.charCodeAt(quote - backslashes - 1) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}
