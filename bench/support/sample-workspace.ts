import path from 'node:path';
import { importFile } from '../../src/ingest/import-file';
import { Db } from '../../src/storage/connection';
import { linkWorkspace } from '../../src/storage/workspace-links';
import { REPO_DIR } from './paths';

/** The sample data set (test/fixtures/sample) in the account `default`, linked to the Slack workspace `team`. */
export async function loadSampleLinkedTo(db: Db, team: string): Promise<void> {
  await importFile(db, 'default', path.join(REPO_DIR, 'test/fixtures/sample/campaigns.ndjson'));
  await importFile(db, 'default', path.join(REPO_DIR, 'test/fixtures/sample/calls.csv'));
  await linkWorkspace(db, 'slack', team, 'default');
}
