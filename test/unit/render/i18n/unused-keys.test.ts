import fs from 'node:fs';
import path from 'node:path';
import { en } from '../../../../src/render/i18n/en';

const SRC = path.resolve(__dirname, '../../../../src');
const CATALOGS = ['en.ts', 'vi.ts'].map((name) => path.join(SRC, 'render', 'i18n', name));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !CATALOGS.includes(full) ? [full] : [];
  });
}

/**
 * A catalog key is used when the source quotes it ('x', "x", `x`), quotes the rest of a `said.` key (a Said's
 * key), or builds it from a template whose fixed start it begins with (`callStatus.${status}`).
 */
export function unusedCatalogKeys(keys: readonly string[], sources: readonly string[]): string[] {
  const all = sources.join('\n');
  const starts = [...all.matchAll(/`([A-Za-z][\w.]*\.)\$\{/g)].map((match) => match[1]);
  const quoted = (name: string) => ["'", '"', '`'].some((q) => all.includes(`${q}${name}${q}`));
  const used = (name: string) => quoted(name) || starts.some((start) => name.startsWith(start));
  return keys.filter((key) => !used(key) && !(key.startsWith('said.') && used(key.slice('said.'.length))));
}

describe('the message catalog', () => {
  it('has no key that nothing in src/ uses', () => {
    const sources = sourceFiles(SRC).map((file) => fs.readFileSync(file, 'utf8'));
    expect(unusedCatalogKeys(Object.keys(en), sources)).toEqual([]);
  });

  it('finds a key nobody uses, and sees keys used by name, by a Said or by a template', () => {
    const sources = ["m.t('word.total'); const said: Said = { key: 'noAccount' };", 'm.t(`state.${state}`);'];
    expect(
      unusedCatalogKeys(['word.total', 'said.noAccount', 'state.running', 'word.orphan', 'said.orphan'], sources),
    ).toEqual(['word.orphan', 'said.orphan']);
  });
});
