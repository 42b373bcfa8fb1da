/** Temporary CSV exports (the Slack "Download CSV" button) live in os.tmpdir() under directories named so. */
export const TEMP_CSV_DIR_PREFIX = 'campaign-report-csv-';
