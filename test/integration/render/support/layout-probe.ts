import { Page } from 'playwright-core';

/** What a reader at this width would miss: measured in the browser after layout. */
export interface LayoutReport {
  viewportWidth: number;
  scrollWidth: number;
  /** Elements whose right edge lies past the viewport, outside any scroll wrapper (.scroll). */
  overflowing: string[];
  /** Scroll wrappers that themselves stick out of the viewport. */
  wideWrappers: string[];
  /** Scroll wrappers whose table is wider than they are (the reader has to scroll it). */
  scrollingWrappers: string[];
  /** Key figure tiles and their boxes; each must be inside the viewport, its text inside it. */
  tiles: { text: string; left: number; right: number; width: number; height: number; contentRight: number }[];
  /** Cells that must stay on one line (dates, ids, numbers) but were broken over several. */
  brokenCells: string[];
  /** Words of a key figure ("128,138.48", "VND") broken inside: a value may wrap between words only. */
  brokenWords: string[];
  /** Images that did not load. */
  brokenImages: string[];
}

/**
 * Runs in the page (plain JavaScript: the project's TypeScript has no DOM types). Written as a string so
 * that nothing of it is compiled for Node.
 */
const PROBE = `(() => {
    const viewportWidth = window.innerWidth;
    const describe = (el) => {
      const text = (el.textContent ?? '').replace(/\\s+/g, ' ').trim().slice(0, 40);
      return \`<\${el.tagName.toLowerCase()} class="\${el.getAttribute('class') ?? ''}"> \${text}\`;
    };
    const insideScroll = (el) => (el.parentElement?.closest('.scroll') ?? null) !== null;
    const overflowing = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || insideScroll(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.right > viewportWidth + 0.5) overflowing.push(\`\${describe(el)} right=\${Math.round(rect.right)}\`);
    }
    const wideWrappers = Array.from(document.querySelectorAll('.scroll'))
      .filter((el) => el.getBoundingClientRect().right > viewportWidth + 0.5)
      .map(describe);
    const scrollingWrappers = Array.from(document.querySelectorAll('.scroll'))
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map(describe);
    const tiles = Array.from(document.querySelectorAll('.tile')).map((el) => {
      const rect = el.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(el);
      const contentRight = Math.max(...Array.from(range.getClientRects()).map((r) => r.right));
      return { text: (el.textContent ?? '').trim().slice(0, 40), left: rect.left, right: rect.right, width: rect.width, height: rect.height, contentRight };
    });
    const brokenWords = [];
    for (const value of Array.from(document.querySelectorAll('.tile-value'))) {
      const walker = document.createTreeWalker(value, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(/\\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
          if (lines.size > 1) brokenWords.push(match[0]);
        }
      }
    }
    const brokenCells = [];
    for (const cell of Array.from(document.querySelectorAll('td.nowrap, td.num'))) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
      if (lines.size > 1) brokenCells.push(describe(cell));
    }
    const brokenImages = Array.from(document.images)
      .filter((img) => !img.complete || img.naturalWidth === 0)
      .map((img) => img.alt);
    return {
      viewportWidth,
      scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
      overflowing,
      wideWrappers,
      scrollingWrappers,
      tiles,
      brokenCells,
      brokenWords,
      brokenImages,
    };
  })()`;

export async function probeLayout(page: Page): Promise<LayoutReport> {
  return (await page.evaluate(PROBE)) as LayoutReport;
}
