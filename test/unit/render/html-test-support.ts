/** Reading rendered HTML in tests: rows of cell texts, balanced tags, what an email may hold. */

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Rows of every (innermost) table as cell texts; a detail line inside a cell follows " | ". */
export function tableRows(html: string): string[][] {
  return html
    .split(/<tr[\s>]/)
    .slice(1)
    .map((chunk) =>
      [...chunk.split('</tr>')[0].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((match) =>
        decode(match[1].replace(/<div[^>]*>/g, ' | ').replace(/<[^>]+>/g, '')).trim(),
      ),
    );
}

export function findRow(rows: string[][], first: string): string[] {
  const row = rows.find((cells) => cells[0]?.split(' | ')[0] === first);
  if (!row) throw new Error(`no row ${first}`);
  return row;
}

export function expectBalanced(html: string): void {
  for (const tag of ['table', 'tr', 'td', 'th', 'a', 'h1', 'h2', 'p']) {
    const open = html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
    const close = html.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
    expect({ tag, count: open }).toEqual({ tag, count: close });
  }
}

export function expectEmailSafe(html: string): void {
  expect(html).not.toMatch(/<style/i);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<link/i);
  // Whole-document patterns, so that they assert something even when no tag or image is found.
  expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i);
  expect(html).not.toMatch(/<img[^>]*\ssrc="(?!cid:)/i);
  expect(html).not.toMatch(/src="https?:/i);
  expect(html).not.toMatch(/url\(/i);
}

/** The key figure tiles as [label, value], in order. */
export function tileTexts(html: string): string[][] {
  return [...html.matchAll(/<div class="tile"[^>]*><div[^>]*>([^<]*)<\/div><div[^>]*>([^<]*)<\/div>/g)].map((m) => [
    m[1],
    m[2],
  ]);
}
