import { Page } from 'playwright-core';

/**
 * An Adaptive Card drawn in Chromium by Microsoft's own renderer (`adaptivecards`, the UMD bundle in dist),
 * as a Teams client of a given width would: elements whose `targetWidth` does not match the width are
 * removed first, because Teams honours targetWidth and the published renderer (3.0.x) does not know it.
 */
export const ADAPTIVE_CARDS_BUNDLE = require.resolve('adaptivecards/dist/adaptivecards.js');

/**
 * Card width classes. Microsoft names them (veryNarrow: a meeting chat; narrow: a phone; standard; wide:
 * a desktop chat) without pixels; these bounds are ours, chosen so that a 390 px phone is narrow and a
 * desktop chat wide.
 */
export type WidthClass = 'VeryNarrow' | 'Narrow' | 'Standard' | 'Wide';
const ORDER: readonly WidthClass[] = ['VeryNarrow', 'Narrow', 'Standard', 'Wide'];

export function widthClassOf(px: number): WidthClass {
  if (px <= 320) return 'VeryNarrow';
  if (px <= 500) return 'Narrow';
  if (px <= 800) return 'Standard';
  return 'Wide';
}

/** Whether an element with this targetWidth shows at this class (Teams' rule; no targetWidth: always). */
export function showsAt(targetWidth: unknown, at: WidthClass): boolean {
  if (typeof targetWidth !== 'string') return true;
  const [prefix, name] = targetWidth.includes(':') ? targetWidth.split(':') : ['', targetWidth];
  const wanted = ORDER.findIndex((entry) => entry.toLowerCase() === name.toLowerCase());
  if (wanted < 0) return false;
  const here = ORDER.indexOf(at);
  if (prefix.toLowerCase() === 'atleast') return here >= wanted;
  if (prefix.toLowerCase() === 'atmost') return here <= wanted;
  return here === wanted;
}

/** The card as a Teams client of this width lays it out: elements for other widths removed, depth first. */
export function forWidth(card: unknown, px: number): unknown {
  const at = widthClassOf(px);
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value))
      return value
        .filter(
          (item) => !(item && typeof item === 'object' && !showsAt((item as Record<string, unknown>).targetWidth, at)),
        )
        .map(visit);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = visit(inner);
      return out;
    }
    return value;
  };
  return visit(card);
}

/** What the probe finds in the drawn card. */
export interface CardLayout {
  /** Words (runs of non-space) whose letters were laid out on more than one line: "Unsu / cc / essf / ul". */
  brokenWords: string[];
  /** Every text the reader sees, as drawn. */
  shownText: string;
  /** Elements whose right edge passes the card. */
  overflowing: string[];
}

const PROBE = `(() => {
  const root = document.getElementById('card');
  const width = root.getBoundingClientRect().right;
  const brokenWords = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) brokenWords.push(match[0]);
    }
  }
  const overflowing = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const rect = el.getBoundingClientRect();
    if (rect.width > 0 && rect.right > width + 0.5) overflowing.push(el.tagName + ' ' + (el.textContent || '').slice(0, 30));
  }
  return { brokenWords, shownText: root.innerText, overflowing };
})()`;

/** Plain JavaScript run in the page (the project's TypeScript has no DOM types). */
const RENDER = `(json) => {
  const AC = window.AdaptiveCards;
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig({
    fontFamily: "'Segoe UI', system-ui, 'DejaVu Sans', sans-serif",
    supportsInteractivity: true,
  });
  adaptiveCard.parse(json);
  const element = adaptiveCard.render();
  if (!element) throw new Error('the renderer drew nothing');
  document.getElementById('card').appendChild(element);
}`;

/** Draws the card at `px` CSS pixels wide (a phone: 390) with Teams-like fonts and spacing; returns the probe. */
export async function drawCard(page: Page, card: unknown, px: number): Promise<CardLayout> {
  await page.setViewportSize({ width: px, height: 900 });
  await page.setContent(
    '<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff}' +
      '#card{width:100%;box-sizing:border-box}</style></head><body><div id="card"></div></body></html>',
  );
  await page.addScriptTag({ path: ADAPTIVE_CARDS_BUNDLE });
  await page.evaluate(`(${RENDER})(${JSON.stringify(forWidth(card, px))})`);
  await page.waitForFunction('Array.from(document.images).every((img) => img.complete)');
  return (await page.evaluate(PROBE)) as CardLayout;
}
