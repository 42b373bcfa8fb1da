import { randomBytes } from 'node:crypto';

/**
 * Runs once before all suites: tests see UTC, so nothing passes only in one machine's zone; and the run
 * gets a name, so that the system suites build dist/ once for all of them (test/system/support/build-once.ts).
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  process.env.CAMPAIGN_REPORT_TEST_RUN ??= `${Date.now()}-${randomBytes(4).toString('hex')}`;
}
