import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { runCli } from '../../src/cli/run-cli';
import { InvalidInput } from '../../src/domain/errors';
import { importFile } from '../../src/ingest/import-file';
import { TestDb, createTestDb } from '../support/test-db';
import { csvText, nearlyValidEvent } from './webhook/support/fuzz-arbitraries';
import { storedFingerprint } from './webhook/support/webhook-server';

/**
 * Fuzzing the file importers and the `import` command with arbitrary CSV, NDJSON and JSON files. Invariants:
 * the import resolves or says what is wrong (InvalidInput), never another error; a file with a rejected
 * record (without --skip-invalid) stores nothing; the answer lists at most 1000 problems and counts them
 * all; the command exits 0 or 2 and prints a bounded number of lines.
 *
 * FUZZ_RUNS sets the number of files (`npm run test:fuzz`: 3000 unless set; `npm test`: 60).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.FUZZ_LONG ? 3000 : 60));
let t: TestDb;
let dir: string;
const figures = {
  files: 0,
  stored: 0,
  refused: 0,
  commands: 0,
  maxListedProblems: 0,
  maxStderrLines: 0,
  startedAt: Date.now(),
};

beforeAll(async () => {
  t = await createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-fuzz-'));
});
afterAll(async () => {
  console.log(
    `import fuzz: ${figures.files} files to importFile (${figures.stored} stored, ${figures.refused} refused) and ${figures.commands} to the import command ` +
      `in ${((Date.now() - figures.startedAt) / 1000).toFixed(1)} s; at most ${figures.maxListedProblems} problems listed, ${figures.maxStderrLines} lines on stderr`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

const ndjsonText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: nearlyValidEvent.map((event) => JSON.stringify(event)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    ),
    { maxLength: 15 },
  )
  .map((lines) => lines.join('\n'));
const jsonText = fc.oneof(
  fc.array(nearlyValidEvent, { maxLength: 15 }).map((events) => JSON.stringify(events)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? ''),
);
const bytes = fc.uint8Array({ maxLength: 300 }).map((data) => Buffer.from(data));

const fuzzFile = fc.oneof(
  fc.tuple(fc.constant('.csv'), fc.oneof(csvText, bytes)),
  fc.tuple(fc.constant('.ndjson'), fc.oneof(ndjsonText, bytes)),
  fc.tuple(fc.constant('.json'), fc.oneof(jsonText, bytes)),
);

let fileCount = 0;
function writeFile(ext: string, content: string | Buffer): string {
  fileCount += 1;
  const file = path.join(dir, `f${fileCount}${ext}`);
  fs.writeFileSync(file, content);
  return file;
}

describe('import fuzz', () => {
  it(
    `importFile keeps its invariants for ${RUNS} arbitrary files`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fuzzFile, fc.boolean(), async ([ext, content], skipInvalid) => {
          const file = writeFile(ext, content);
          const before = await storedFingerprint(t);
          let result;
          figures.files += 1;
          try {
            result = await importFile(t.db, 'default', file, { skipInvalid });
          } catch (error) {
            figures.refused += 1;
            expect(error).toBeInstanceOf(InvalidInput);
            expect(await storedFingerprint(t)).toBe(before);
            return;
          }
          if (result.rejected > 0 && !skipInvalid) figures.refused += 1;
          else figures.stored += 1;
          figures.maxListedProblems = Math.max(figures.maxListedProblems, result.problems.length);
          expect(result.problems.length).toBeLessThanOrEqual(1000);
          expect(result.problemsTotal).toBeGreaterThanOrEqual(result.problems.length);
          if (result.rejected > 0 && !skipInvalid) expect(await storedFingerprint(t)).toBe(before);
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(60_000, RUNS * 500),
  );

  it(
    `the import command exits 0 or 2 with bounded output for ${Math.ceil(RUNS / 10)} arbitrary files`,
    async () => {
      let stdout = '';
      let stderr = '';
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
      try {
        await fc.assert(
          fc.asyncProperty(fuzzFile, async ([ext, content]) => {
            stdout = '';
            stderr = '';
            const file = writeFile(ext, content);
            const before = await storedFingerprint(t);
            const code = await runCli(['import', file], { DATABASE_URL: t.url });
            figures.commands += 1;
            figures.maxStderrLines = Math.max(figures.maxStderrLines, stderr.split('\n').length - 1);
            expect([0, 2]).toContain(code);
            expect(stderr.split('\n').length).toBeLessThanOrEqual(60);
            if (code === 2) expect(await storedFingerprint(t)).toBe(before);
          }),
          { numRuns: Math.ceil(RUNS / 10) },
        );
      } finally {
        jest.restoreAllMocks();
      }
    },
    Math.max(60_000, RUNS * 500),
  );
});
