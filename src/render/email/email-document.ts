import juice from 'juice';
import { escapeHtml } from '../html-escape';

/**
 * The email's frame and stylesheet. Gmail and Outlook drop or ignore <style> blocks, so the stylesheet is
 * written once here and `juice` copies it into every element's style attribute. The layout is fluid
 * (no media queries needed): one column at most 640 px wide, tiles that wrap, tables that scroll.
 */

// Outlook's Word engine does not inherit fonts into table cells, so every cell names its font.
const FONT = 'font-family:Arial,Helvetica,sans-serif;';

const EMAIL_CSS = `
body { margin:0; padding:0; background-color:#f4f5f7; }
.outer { border-collapse:collapse; background-color:#f4f5f7; }
.outer-cell { padding:16px 8px; }
.container { border-collapse:collapse; width:100%; max-width:640px; table-layout:fixed; background-color:#ffffff; }
.section { padding:12px 16px; ${FONT} }
.preheader { display:none; max-height:0; overflow:hidden; mso-hide:all; }
h1 { ${FONT} font-size:22px; line-height:28px; margin:4px 0 8px 0; color:#1d1c1d; overflow-wrap:break-word; }
h2 { ${FONT} font-size:17px; line-height:22px; margin:0 0 8px 0; color:#1d1c1d; }
.kicker { ${FONT} font-size:13px; color:#616061; }
.badge { ${FONT} display:inline-block; font-size:12px; font-weight:bold; color:#ffffff; padding:3px 8px; border-radius:3px; margin:0 0 8px 0; }
.badge.final { background-color:#007a5a; }
.badge.preliminary { background-color:#b25e00; }
.facts { border-collapse:collapse; }
.fact-label { ${FONT} font-size:13px; padding:2px 12px 2px 0; color:#616061; white-space:nowrap; vertical-align:top; }
.fact-value { ${FONT} font-size:13px; padding:2px 0; word-break:break-word; }
.tiles { font-size:0; margin:0 -4px; }
.tile { display:inline-block; vertical-align:top; width:46%; min-width:140px; max-width:190px; margin:4px; padding:10px 12px; box-sizing:border-box; border:1px solid #e1e4e8; border-radius:6px; background-color:#f8f9fb; }
.tile-label { ${FONT} font-size:12px; line-height:16px; color:#616061; }
.tile-value { ${FONT} font-size:22px; line-height:28px; font-weight:bold; color:#1d1c1d; }
.tile-detail { ${FONT} font-size:11px; line-height:14px; color:#616061; }
.figures { border-collapse:collapse; }
.figures td { ${FONT} font-size:13px; padding:5px 6px; border-bottom:1px solid #e8eaed; }
.figures .value { text-align:right; font-weight:bold; white-space:nowrap; }
.detail { ${FONT} font-size:12px; line-height:16px; color:#616061; }
.scroll { width:100%; overflow-x:auto; }
.data { border-collapse:collapse; }
.data th { ${FONT} font-size:13px; padding:5px 6px; border-bottom:2px solid #d0d4d9; white-space:nowrap; }
.data td { ${FONT} font-size:13px; padding:5px 6px; border-bottom:1px solid #e8eaed; }
.data .num { text-align:right; white-space:nowrap; }
.data .nowrap { white-space:nowrap; }
.nowrap { white-space:nowrap; }
.data .total td { font-weight:bold; }
.note { ${FONT} font-size:12px; line-height:17px; margin:6px 0 0 0; color:#616061; }
.chart-title { ${FONT} font-size:14px; font-weight:bold; margin:0 0 6px 0; }
.chart-img { display:block; width:100%; max-width:560px; height:auto; border:0; outline:none; }
.chart-caption { ${FONT} font-size:13px; line-height:17px; margin:4px 0 0 0; color:#616061; }
.button { ${FONT} display:inline-block; padding:10px 18px; background-color:#1264a3; color:#ffffff; font-size:14px; font-weight:bold; text-decoration:none; border-radius:4px; }
a { color:#1264a3; }
`;

export function emailSection(inner: string): string {
  return `<tr><td class="section">${inner}</td></tr>`;
}

export function emailDocument(options: { title: string; preheader: string; lang: string; sections: string }): string {
  const html =
    `<!DOCTYPE html><html lang="${escapeHtml(options.lang)}"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(options.title)}</title>` +
    `<style>${EMAIL_CSS}</style></head><body>` +
    `<div class="preheader">${escapeHtml(options.preheader)}</div>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" class="outer"><tr><td align="center" class="outer-cell">` +
    `<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" class="container">` +
    `${options.sections}</table></td></tr></table></body></html>`;
  return juice(html, {
    removeStyleTags: true,
    preserveImportant: true,
    applyWidthAttributes: false,
    applyHeightAttributes: false,
  });
}
