#!/usr/bin/env node
/**
 * The repository is the whole manual: fails listing every markdown link that leaves the repository (a URL,
 * an absolute path, a path above the root) or points at a file or heading that does not exist, every
 * reference to the design folder that lives beside the repository, and every `.md` file a code comment
 * cites that the repository does not have.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(process.argv[2] ?? path.join(__dirname, '..')); // a folder to check instead (tests)
const SKIPPED_DIRS = new Set([
  '.git',
  'node_modules',
  'dist',
  'out',
  '.data',
  'coverage',
  '.stryker-tmp',
  'reports',
  '.tmp',
]);
const TEXT_FILE = /\.(md|ts|js|json|ya?ml|sh|txt|example)$|^(run|\.env\.example)$/;
const CODE_FILE = /\.(ts|js)$/;
const OUTSIDE = ['..', 'shared'].join('/'); // spelt in two parts so that this file does not find itself

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(path.join(dir, entry.name));
    } else if (TEXT_FILE.test(entry.name)) yield path.join(dir, entry.name);
  }
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorsOf = new Map();
function anchors(file) {
  if (!anchorsOf.has(file)) {
    const text = withoutCode(fs.readFileSync(file, 'utf8'), { keepInline: true });
    const seen = new Map();
    const list = new Set();
    for (const match of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
      const base = slug(match[1].replace(/`/g, ''));
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      list.add(count === 0 ? base : `${base}-${count}`);
    }
    anchorsOf.set(file, list);
  }
  return anchorsOf.get(file);
}

/** The text with fenced code blocks blanked (and inline code too, unless kept), line numbers intact. */
function withoutCode(text, { keepInline = false } = {}) {
  const blanked = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
  return keepInline ? blanked : blanked.replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

const problems = [];
const rel = (file) => path.relative(ROOT, file);

function checkTarget(file, line, target) {
  const where = `${rel(file)}:${line}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) {
    problems.push(`${where}: ${target} leaves the repository; link to a file in it (docs/…)`);
    return;
  }
  const [pathPart, anchor] = target.split('#');
  if (pathPart.startsWith('/')) {
    problems.push(`${where}: ${target} is an absolute path; use a path relative to ${rel(file)}`);
    return;
  }
  const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
  if (resolved !== ROOT && !resolved.startsWith(ROOT + path.sep)) {
    problems.push(`${where}: ${target} points outside the repository`);
    return;
  }
  if (!fs.existsSync(resolved)) {
    problems.push(`${where}: ${target} does not exist`);
    return;
  }
  if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) {
    problems.push(`${where}: ${target}: ${rel(resolved)} has no heading #${anchor}`);
  }
}

for (const file of walk(ROOT)) {
  const text = fs.readFileSync(file, 'utf8');
  if (path.resolve(file) !== __filename) {
    for (const match of text.matchAll(new RegExp(OUTSIDE.replace(/[.]/g, '\\.'), 'g'))) {
      problems.push(
        `${rel(file)}:${lineOf(text, match.index)}: refers to ${OUTSIDE}, which a clone does not have; cite docs/… instead`,
      );
    }
  }
  if (file.endsWith('.md')) {
    const prose = withoutCode(text);
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      checkTarget(file, lineOf(prose, match.index), match[1]);
    for (const match of prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm))
      checkTarget(file, lineOf(prose, match.index), match[1]);
    for (const match of prose.matchAll(/<(https?:\/\/[^>\s]+)>|href="([^"]+)"/g))
      checkTarget(file, lineOf(prose, match.index), match[1] ?? match[2]);
  } else if (CODE_FILE.test(file) && path.resolve(file) !== __filename) {
    // A comment citing a document must cite one the repository has (docs/metrics.md, not metrics.md).
    for (const comment of text.matchAll(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g)) {
      for (const match of comment[0].matchAll(/(?<![\w./-])((?:[\w-]+\/)*[\w-]+\.md)\b/g)) {
        if (!fs.existsSync(path.join(ROOT, match[1]))) {
          const line = lineOf(text, comment.index + match.index);
          problems.push(
            `${rel(file)}:${line}: cites ${match[1]}, which is not in the repository (docs/ holds the manual)`,
          );
        }
      }
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(
    `Links that leave the repository or lead nowhere (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write('links: every link stays in the repository and leads somewhere\n');
