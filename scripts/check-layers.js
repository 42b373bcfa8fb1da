#!/usr/bin/env node
/**
 * Imports point down only (docs/architecture.md "Layers"). Fails listing every import that points up, and every
 * botbuilder import outside src/adapters/teams (so that moving off botbuilder is a swap of one folder).
 */
const fs = require('node:fs');
const path = require('node:path');

const SRC = path.resolve(__dirname, '..', 'src');
const ALLOWED = {
  domain: ['domain'],
  render: ['domain', 'render'],
  storage: ['domain', 'storage'],
  ingest: ['domain', 'storage', 'ingest'],
  reports: ['domain', 'storage', 'reports'],
  adapters: ['domain', 'render', 'reports', 'storage', 'adapters'],
  jobs: ['domain', 'render', 'reports', 'storage', 'ingest', 'adapters', 'jobs', 'config', 'logger'],
  http: ['domain', 'render', 'reports', 'storage', 'ingest', 'adapters', 'jobs', 'http', 'config', 'logger'],
};
const PLATFORM_PACKAGES = [
  /^botbuilder/,
  /^botframework-/,
  /^@slack\//,
  /^nodemailer/,
  /^quickchart-js/,
  /^@napi-rs\/canvas/,
  /^chart\.js/,
];
const PLATFORM_HOME = { botbuilder: 'adapters/teams', 'botframework-': 'adapters/teams' };

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

const problems = [];
for (const file of files(SRC)) {
  const rel = path.relative(SRC, file);
  const layer = rel.includes(path.sep) ? rel.split(path.sep)[0] : rel.replace(/\.ts$/, '');
  const text = fs.readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)) {
    const spec = match[1] ?? match[2];
    if (spec.startsWith('.')) {
      const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
      const targetLayer = target.split(path.sep)[0].replace(/\.ts$/, '');
      const allowed = ALLOWED[layer];
      if (allowed && !allowed.includes(targetLayer))
        problems.push(`${rel}: ${layer} may not import ${targetLayer} (${spec})`);
    } else {
      for (const [prefix, home] of Object.entries(PLATFORM_HOME)) {
        if (spec.startsWith(prefix) && !rel.startsWith(home)) problems.push(`${rel}: ${spec} belongs in src/${home}`);
      }
      if (
        ['domain', 'render', 'storage', 'ingest', 'reports'].includes(layer) &&
        PLATFORM_PACKAGES.some((re) => re.test(spec))
      ) {
        problems.push(`${rel}: ${layer} may not talk to a platform (${spec}); that is src/adapters' job`);
      }
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(`Layer rules broken (docs/architecture.md):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('layers: every import points down\n');
