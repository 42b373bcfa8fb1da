import { escapeHtml } from '../html-escape';

/**
 * The full report page's frame: a web page, so a real stylesheet (the page's Content-Security-Policy
 * allows inline styles and nothing remote). Mobile first: one column with the key figures as tiles,
 * then charts side by side where there is room, then tables that scroll inside themselves.
 */
const PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1d1c1d; font: 14px/1.45 Arial, Helvetica, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 12px; }
section { background: #ffffff; border-radius: 8px; padding: 14px 16px; margin: 0 0 12px 0; min-width: 0; }
h1 { font-size: 22px; line-height: 28px; margin: 4px 0 8px 0; overflow-wrap: anywhere; }
h2 { font-size: 17px; line-height: 22px; margin: 0 0 8px 0; }
.kicker { font-size: 13px; color: #616061; }
.badge { display: inline-block; font-size: 12px; font-weight: bold; color: #fff; padding: 3px 8px; border-radius: 3px; margin: 0 0 8px 0; }
.badge.final { background: #007a5a; }
.badge.preliminary { background: #b25e00; }
.facts { border-collapse: collapse; }
.fact-label { font-size: 13px; padding: 2px 12px 2px 0; color: #616061; white-space: nowrap; vertical-align: top; }
.fact-value { font-size: 13px; padding: 2px 0; overflow-wrap: anywhere; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px; }
.tile { border: 1px solid #e1e4e8; border-radius: 6px; background: #f8f9fb; padding: 10px 12px; min-width: 0; }
.tile-label { font-size: 12px; line-height: 16px; color: #616061; }
.tile-value { font-size: 24px; line-height: 30px; font-weight: bold; }
.tile-detail { font-size: 11px; line-height: 14px; color: #616061; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 360px), 1fr)); gap: 16px; }
.chart { min-width: 0; }
.chart-title { font-size: 15px; font-weight: bold; margin: 0 0 6px 0; }
.chart-img { display: block; width: 100%; height: auto; }
.chart-caption { font-size: 13px; color: #616061; margin: 4px 0 0 0; }
.columns { columns: 3 340px; column-gap: 28px; }
.columns > div { break-inside: avoid; margin: 0 0 16px 0; }
.figures { border-collapse: collapse; width: 100%; }
.figures td { padding: 5px 6px; border-bottom: 1px solid #e8eaed; font-size: 13px; }
.figures .value { text-align: right; font-weight: bold; white-space: nowrap; }
.detail { font-size: 12px; line-height: 16px; color: #616061; }
.scroll { max-width: 100%; overflow-x: auto; }
.data { border-collapse: collapse; width: 100%; }
.data th { font-size: 13px; padding: 6px 8px; border-bottom: 2px solid #d0d4d9; vertical-align: bottom; background: #fff; }
.data td { font-size: 13px; padding: 5px 8px; border-bottom: 1px solid #e8eaed; vertical-align: middle; }
.data .num, .data .nowrap { white-space: nowrap; }
.data .num { text-align: right; }
.data .total td { font-weight: bold; }
.recording, .nowrap { white-space: nowrap; }
.data audio { height: 28px; width: 190px; vertical-align: middle; }
.note { font-size: 12px; line-height: 17px; margin: 6px 0 0 0; color: #616061; }
.button { display: inline-block; padding: 8px 14px; background: #1264a3; color: #fff; font-weight: bold; text-decoration: none; border-radius: 4px; margin: 0 0 8px 0; }
a { color: #1264a3; }
`;

export function pageDocument(options: { title: string; lang: string; sections: readonly string[] }): string {
  const sections = options.sections.map((inner) => `<section>${inner}</section>`).join('');
  return (
    `<!DOCTYPE html><html lang="${escapeHtml(options.lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(options.title)}</title>` +
    `<style>${PAGE_CSS}</style></head><body><main>${sections}</main></body></html>`
  );
}
