import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** scripts/check-links.js (run by npm run lint) on small repositories made for each case. */
const SCRIPT = path.resolve(__dirname, '..', '..', '..', 'scripts', 'check-links.js');

function check(files: Record<string, string>): { code: number | null; stderr: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'links-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), content);
    }
    const result = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
    return { code: result.status, stderr: result.stderr };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const DOCS = {
  'docs/metrics.md': '# Metrics\n\n## Campaign state and completion\n\ntext\n',
  'src/a.ts': '// see docs/metrics.md\n',
};

describe('the link checker', () => {
  it('passes links to files and headings that exist, and ignores code', () => {
    const result = check({
      ...DOCS,
      'README.md': [
        '[metrics](docs/metrics.md), [state](docs/metrics.md#campaign-state-and-completion), [folder](docs/)',
        '`[not a link](https://example.com)`',
        '```',
        '[also not](https://example.com)',
        '```',
      ].join('\n'),
    });
    expect(result).toEqual({ code: 0, stderr: '' });
  });

  it.each([
    ['a URL', '[site](https://example.com/page)', 'leaves the repository'],
    ['an autolink', 'see <https://example.com>', 'leaves the repository'],
    ['a missing file', '[gone](docs/nothing.md)', 'docs/nothing.md does not exist'],
    ['a missing heading', '[x](docs/metrics.md#no-such-part)', 'has no heading #no-such-part'],
    ['a path above the root', '[spec](../spec/metrics.md)', 'points outside the repository'],
    ['an absolute path', '[abs](/etc/passwd)', 'absolute path'],
    ['a reference definition', '[x]: http://example.com', 'leaves the repository'],
  ])('fails on %s in markdown', (_, line, words) => {
    const result = check({ ...DOCS, 'README.md': `${line}\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`README.md:1: `);
    expect(result.stderr).toContain(words);
  });

  it('fails on a reference to the design folder beside the repository, in any file', () => {
    const outside = ['..', 'shared', 'spec', 'metrics.md'].join('/');
    const result = check({ ...DOCS, 'src/b.ts': `// see ${outside}\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('src/b.ts:1: refers to');
  });

  it('fails on a code comment citing a document the repository does not have', () => {
    const comment = `/${'*'}* interfaces${'.md'} §7 *${'/'}`;
    const result = check({ ...DOCS, 'src/c.ts': `${comment}\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('src/c.ts:1: cites interfaces.md');
  });
});
