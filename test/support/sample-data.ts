import path from 'node:path';
import fs from 'node:fs';
import { Db } from '../../src/storage/connection';
import { importFile } from '../../src/ingest/import-file';
import { saveTariff } from '../../src/storage/voicebots';
import { applyTariffToCalls } from '../../src/storage/rebuild-rollups';

export const SAMPLE_DIR = path.resolve(__dirname, '..', 'fixtures', 'sample');
export const SAMPLE_CALLS = path.join(SAMPLE_DIR, 'calls.csv');
export const SAMPLE_CAMPAIGNS = path.join(SAMPLE_DIR, 'campaigns.ndjson');

export function expected(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'expected', name), 'utf8'));
}

export async function setSampleTariffs(db: Db, accountId = 'default'): Promise<void> {
  const tariffs = JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'tariffs.json'), 'utf8')) as Record<
    string,
    { block_seconds: number; price: string; currency: string }
  >;
  for (const [botId, t] of Object.entries(tariffs)) {
    await db.transaction(async (trx) => {
      await saveTariff(trx, accountId, botId, {
        blockSeconds: t.block_seconds,
        pricePerBlock: t.price,
        currency: t.currency,
      });
      await applyTariffToCalls(trx, accountId, botId);
    });
  }
}

export async function loadSample(
  db: Db,
  order: 'campaigns-first' | 'calls-first' = 'campaigns-first',
  accountId = 'default',
) {
  await setSampleTariffs(db, accountId);
  const files = order === 'campaigns-first' ? [SAMPLE_CAMPAIGNS, SAMPLE_CALLS] : [SAMPLE_CALLS, SAMPLE_CAMPAIGNS];
  const results = [];
  for (const file of files) results.push(await importFile(db, accountId, file));
  return results;
}

/** Every field of `expected` equals the same field of `actual`; non-integer numbers to within 1e-9. */
export function expectSubset(actual: unknown, expectedValue: unknown, where = '$'): void {
  if (expectedValue !== null && typeof expectedValue === 'object') {
    if (Array.isArray(expectedValue)) {
      if (!Array.isArray(actual) || actual.length !== expectedValue.length) {
        throw new Error(`${where}: expected an array of ${expectedValue.length}, got ${JSON.stringify(actual)}`);
      }
      expectedValue.forEach((item, i) => expectSubset(actual[i], item, `${where}[${i}]`));
      return;
    }
    for (const [key, value] of Object.entries(expectedValue)) {
      expectSubset((actual as Record<string, unknown> | undefined)?.[key], value, `${where}.${key}`);
    }
    return;
  }
  if (typeof expectedValue === 'number' && !Number.isInteger(expectedValue)) {
    if (typeof actual !== 'number' || Math.abs(actual - expectedValue) >= 1e-9)
      throw new Error(`${where}: expected ${expectedValue}, got ${actual}`);
    return;
  }
  if (actual !== expectedValue)
    throw new Error(`${where}: expected ${JSON.stringify(expectedValue)}, got ${JSON.stringify(actual)}`);
}
