import fs from 'node:fs';

/**
 * `tsx bench/support/profile-summary.ts <file.cpuprofile> [top]`: self time by function and by file, to see
 * where a benchmark's CPU goes (write profiles with BENCH_CPU_PROF=1).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function summarizeProfile(file: string, top = 25): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = profile.endTime - profile.startTime;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    const url = frame.url
      .replace(/^file:\/\//, '')
      .replace(/^.*\/node_modules\//, 'node_modules/')
      .replace(/^.*\/(src|bench)\//, '$1/');
    const fn = `${frame.functionName || '(anonymous)'} ${url}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const fileKey = url.startsWith('node_modules/') ? url.split('/').slice(0, 2).join('/') : url || frame.functionName;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
  }
  const table = (title: string, map: Map<string, number>) =>
    [`${title} (of ${(totalUs / 1e6).toFixed(2)} s wall)`]
      .concat(
        [...map]
          .sort((a, b) => b[1] - a[1])
          .slice(0, top)
          .map(
            ([key, us]) =>
              `${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`,
          ),
      )
      .join('\n');
  return `${table('self time by function', byFunction)}\n\n${table('self time by file / package', byFile)}`;
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/support/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarizeProfile(file, top ? Number(top) : 25));
}
