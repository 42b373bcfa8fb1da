/**
 * Run by tsx in a child process (PGlite loads its WebAssembly with a dynamic import that Jest's VM
 * refuses): loads the sample into an in-memory embedded database and prints the reports as JSON.
 */
import { createDb, migrateLatest } from '../../src/storage/connection';
import { ensureDefaultAccount } from '../../src/storage/accounts';
import { campaignOverviewJson } from '../../src/domain/campaign-overview';
import { loadCampaignReport } from '../../src/reports/campaign-report';
import { loadUsageReport } from '../../src/reports/usage-report';
import { loadSample } from './sample-data';

async function main(): Promise<void> {
  const db = createDb({ embeddedDataDir: 'memory' });
  try {
    await migrateLatest(db);
    await ensureDefaultAccount(db, 'Asia/Ho_Chi_Minh');
    await loadSample(db, 'calls-first');
    const out: Record<string, unknown> = {};
    for (const id of ['cmp-1-000', 'cmp-1-001', 'cmp-1-002'])
      out[id] = campaignOverviewJson((await loadCampaignReport({ db }, 'default', id)).overview);
    for (const month of ['2026-10', '2026-11'])
      out[month] = (await loadUsageReport({ db }, 'default', { month })).usage;
    process.stdout.write(JSON.stringify(out));
  } finally {
    await db.destroy();
  }
}

void main();
