/** Runs once before all suites: tests see UTC, so nothing passes only in one machine's zone. */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
}
