/**
 * The suites `npm run test:mutation` runs against each mutant of src/domain and src/ingest: the unit
 * tests of those layers (no database, no network), without the every-zone sweep, which is too slow to
 * repeat per mutant (time-zone.test.ts covers the same code with fixed cases).
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/unit/domain', '<rootDir>/test/unit/ingest', '<rootDir>/test/unit/jobs'],
  testPathIgnorePatterns: ['/node_modules/', 'every-zone'],
};
