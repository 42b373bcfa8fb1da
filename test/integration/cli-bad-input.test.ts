import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { captureOutput } from '../support/captured-output';
import { TestDb, createTestDb } from '../support/test-db';
import { callEvents, ingestEvents } from './delivery/support/delivery-env';

/** Bad input to the CLI: one line on stderr saying what is wrong and what to do, exit 2, nothing stored. */
let t: TestDb;
let dir: string;
const output = captureOutput();
const HEADER = 'call_id,campaign_id,bot_id,customer_id,started_at,ended_at,result_code';
const ROW = 'c1,cmp-bad,bot-1,cus-1,2026-10-30T15:36:02Z,2026-10-30T15:36:24Z,NA';

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
}

beforeAll(async () => {
  t = await createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bad-input-'));
  await ingestEvents(t.db, 'default', callEvents({ campaignId: 'cmp-ok', botId: 'bot-debt', calls: 2 }));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

const cli = (...argv: string[]) => runCli(argv, { DATABASE_URL: t.url });

async function callsStored(): Promise<number> {
  const [{ n }] = await t.db('calls').count({ n: '*' });
  return Number(n);
}

describe('bad CLI input: one line, exit 2', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'a header-only CSV',
      () => ['import', file('header-only.csv', `${HEADER}\n`)],
      /header-only\.csv holds no records, only a header; a CSV needs a header row/,
    ],
    [
      'a 0-byte CSV',
      () => ['import', file('empty.csv', '')],
      /empty\.csv is empty \(0 bytes\); a CSV needs a header row/,
    ],
    [
      'a 0-byte NDJSON',
      () => ['import', file('empty.ndjson', '')],
      /empty\.ndjson is empty \(0 bytes\); an NDJSON file needs one event a line/,
    ],
    [
      'a blank NDJSON',
      () => ['import', file('blank.ndjson', '\n  \n\r\n')],
      /blank\.ndjson holds no records, only blank lines/,
    ],
    [
      '--skip-invalid on a file whose header is wrong',
      () => ['import', file('wrong-header.csv', `id,campaign,bot\n1,2,3\n`), '--skip-invalid'],
      /wrong-header\.csv: the header \(line 1\) has no call_id, campaign_id, bot_id, customer_id, started_at, ended_at, result_code columns; .*Nothing was stored\.$/,
    ],
    [
      'a wrong header without --skip-invalid',
      () => ['import', file('wrong-header-2.csv', `id,campaign\n1,2\n`)],
      /the header \(line 1\) has no call_id/,
    ],
    [
      'a directory',
      () => ['import', path.join(dir, 'folder.csv')],
      /folder\.csv is a directory; import one file: npm run cli -- import/,
    ],
    [
      'a binary file',
      () => [
        'import',
        file('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])),
      ],
      /image\.csv is not a text file \(binary data at byte 8\)/,
    ],
    [
      'a file in another encoding',
      () => ['import', file('latin1.csv', Buffer.from(`${HEADER}\n${ROW.replace('cus-1', 'cus-\xe9')}\n`, 'latin1'))],
      /latin1\.csv is not a text file in UTF-8/,
    ],
    [
      'usage --bot nosuchbot',
      () => ['usage', '--month', '2026-10', '--bot', 'nosuchbot'],
      /^no bot "nosuchbot" in account default; the bots are bot-debt \(or leave --bot out for all\)$/,
    ],
    [
      '--price -5',
      () => ['tariff', 'bot-debt', '--price', '-5'],
      /^--price must be a decimal of 0 or more such as 1200\.50 \(or "none"\), not "-5"$/,
    ],
    [
      'a misspelt flag',
      () => ['report', 'cmp-ok', '--jsn'],
      /^unknown option --jsn \(did you mean --json\?\)\. Usage: npm run cli -- report <campaign_id>/,
    ],
    ['a flag without its value', () => ['usage', '--month'], /^--month needs a value\. Usage: npm run cli -- usage/],
    ['a value given to a switch', () => ['list', '--json=yes'], /^--json takes no value\. Usage: npm run cli -- list/],
    [
      'a language reports are not written in',
      () => ['account', 'default', '--locale', 'fr-FR'],
      /^"fr-FR" is not a language reports are written in; use en, en-US, vi or vi-VN$/,
    ],
  ];

  it.each(cases)('%s', async (_, argv, message) => {
    fs.mkdirSync(path.join(dir, 'folder.csv'), { recursive: true });
    const before = await callsStored();
    expect(await cli(...argv())).toBe(2);
    const lines = output.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(output.stdout).toBe('');
    expect(await callsStored()).toBe(before);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.rejected.ndjson'))).toEqual([]);
  });

  it('the same files with --json: still one line on stderr and exit 2', async () => {
    expect(await cli('import', file('header-only-2.csv', `${HEADER}\n`), '--json')).toBe(2);
    expect(output.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(output.stdout).toBe('');
  });

  it('a good file after all that still imports', async () => {
    expect(await cli('import', file('good.csv', `${HEADER}\n${ROW}\n`))).toBe(0);
    expect(output.stdout).toContain('accepted 1');
  });
});
