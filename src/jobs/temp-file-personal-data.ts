import { readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TEMP_CSV_DIR_PREFIX } from '../domain/personal-data-files';

/**
 * Deletes the temporary CSV exports on this machine that quote one of `needles` (storage/personal-data.ts
 * FILE_PLACES); an upload that is already streaming one keeps its open file and finishes. Returns how many.
 */
export async function removeTempFilesQuoting(needles: readonly string[], tmpDir = os.tmpdir()): Promise<number> {
  if (needles.length === 0) return 0;
  return removeTempFilesWhere((text) => needles.some((needle) => text.includes(needle)), tmpDir);
}

/** Every temporary CSV export's text, for retention to look up what it quotes. */
export async function tempFileTexts(tmpDir = os.tmpdir()): Promise<string[]> {
  const texts: string[] = [];
  await removeTempFilesWhere((text) => (texts.push(text), false), tmpDir);
  return texts;
}

export async function removeTempFilesWhere(doomed: (text: string) => boolean, tmpDir = os.tmpdir()): Promise<number> {
  let removed = 0;
  const entries = await readdir(tmpDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(TEMP_CSV_DIR_PREFIX)) continue;
    const dir = path.join(tmpDir, entry.name);
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files) {
      const text = await readFile(path.join(dir, file), 'utf8').catch(() => '');
      if (doomed(text)) {
        await rm(dir, { recursive: true, force: true });
        removed += 1;
        break;
      }
    }
  }
  return removed;
}
