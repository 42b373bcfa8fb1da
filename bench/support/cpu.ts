import fs from 'node:fs';
import os from 'node:os';

/** A /proc stat file: the command name, and the fields after it (state first); null when it cannot be read. */
function readStat(path: string): { comm: string; fields: string[] } | null {
  try {
    const stat = fs.readFileSync(path, 'utf8');
    const close = stat.lastIndexOf(')');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
  } catch {
    return null; // not Linux, or the process ended while we looked
  }
}

/** User + system CPU ms of a stat's fields (USER_HZ is 100 on Linux). */
const cpuMsOf = (fields: string[]) => ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;

/** CPU time of a process (user + system, ms) from /proc; null where /proc is missing. */
export function processCpuMs(pid: number): number | null {
  const stat = readStat(`/proc/${pid}/stat`);
  return stat && cpuMsOf(stat.fields);
}

/** CPU time of a process and its direct children (ms), e.g. a primary and its forked web processes. */
export function processTreeCpuMs(pid: number): number | null {
  const own = processCpuMs(pid);
  if (own === null) return null;
  let total = own;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(`/proc/${entry}/stat`);
    if (stat && Number(stat.fields[1]) === pid) total += cpuMsOf(stat.fields);
  }
  return total;
}

/** Busy and total CPU time of the whole machine (ms, summed over cores) from os.cpus(). */
export function machineCpuMs(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

export interface CpuShare {
  /** CPU of the process and its children over the window, in cores (1.0 = one core busy all the time). */
  processCores: number | null;
  /** CPU of this process (the load generator), in cores. */
  selfCores: number;
  /** How busy the whole machine was, in cores (everything: PostgreSQL, the load generator, other work). */
  machineCores: number;
}

/** Measures CPU use of one process (with its children) and of the machine while fn runs. */
export async function measureCpu<T>(
  pid: number | undefined,
  fn: () => Promise<T>,
): Promise<{ result: T; cpu: CpuShare }> {
  const { result, split } = await cpuSplit(pid ? [pid] : [], fn);
  return {
    result,
    cpu: {
      processCores: pid && processCpuMs(pid) !== null ? split.processes : null,
      selfCores: split.self,
      machineCores: split.machine,
    },
  };
}

/** CPU time (ms) of every process whose command name is `name` (e.g. all of PostgreSQL's backends). */
export function commandCpuMs(name: string): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(`/proc/${entry}/stat`);
    if (stat?.comm === name) total += cpuMsOf(stat.fields);
  }
  return total;
}

/**
 * Where the machine's CPU went while fn ran, in cores: the processes `pids` (with their children), this
 * process, PostgreSQL, Redis, and the whole machine. Backends that ended during fn are not counted.
 */
export async function cpuSplit<T>(
  pids: readonly number[],
  fn: () => Promise<T>,
): Promise<{
  result: T;
  split: Record<'processes' | 'self' | 'postgres' | 'redis' | 'machine', number>;
  wallMs: number;
}> {
  const ours = () => pids.reduce((sum, pid) => sum + (processTreeCpuMs(pid) ?? 0), 0);
  const before = { ours: ours(), pg: commandCpuMs('postgres'), redis: commandCpuMs('redis-server') };
  const machine = machineCpuMs();
  const self = process.cpuUsage();
  const start = Date.now();
  const result = await fn();
  const wall = Math.max(1, Date.now() - start);
  const selfUsed = process.cpuUsage(self);
  return {
    result,
    split: {
      processes: (ours() - before.ours) / wall,
      self: (selfUsed.user + selfUsed.system) / 1000 / wall,
      postgres: (commandCpuMs('postgres') - before.pg) / wall,
      redis: (commandCpuMs('redis-server') - before.redis) / wall,
      machine: (machineCpuMs().busy - machine.busy) / wall,
    },
    wallMs: wall,
  };
}

/** CPU ms of each thread of a process (Linux /proc), with its nice value; empty elsewhere. */
export function threadCpuMs(pid: number): Map<string, { ms: number; nice: number }> {
  const result = new Map<string, { ms: number; nice: number }>();
  let tids: string[] = [];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    // not Linux, or the process ended
  }
  for (const tid of tids) {
    const stat = readStat(`/proc/${pid}/task/${tid}/stat`);
    if (stat) result.set(tid, { ms: cpuMsOf(stat.fields), nice: Number(stat.fields[16]) });
  }
  return result;
}

export interface ThreadSplit {
  /** The main thread: a server's request loop. */
  main: number;
  /** Threads of lowered priority: the answer threads. */
  lowered: number;
  /** The rest: V8's compiler and garbage collector helpers, libuv's pool. */
  others: number;
}

/** The CPU ms of a process's threads since `before` (a threadCpuMs reading of the same pid). */
export function threadCpuSince(pid: number, before: Map<string, { ms: number; nice: number }>): ThreadSplit {
  const split = { main: 0, lowered: 0, others: 0 };
  for (const [tid, now] of threadCpuMs(pid)) {
    const used = now.ms - (before.get(tid)?.ms ?? 0);
    if (tid === String(pid)) split.main += used;
    else if (now.nice > 0) split.lowered += used;
    else split.others += used;
  }
  return split;
}

/**
 * Where the machine's CPU went while fn ran, in cores: a server's threads (request loop, answer threads,
 * the rest), other processes by name, this process (the load generators), PostgreSQL and the machine.
 */
export async function serverCpuSplit<T>(
  server: number,
  others: Record<string, number>,
  fn: () => Promise<T>,
): Promise<{ result: T; cores: Record<string, number> }> {
  const threads = threadCpuMs(server);
  const before = Object.fromEntries(Object.entries(others).map(([name, pid]) => [name, processCpuMs(pid) ?? 0]));
  const { result, split, wallMs } = await cpuSplit([], fn);
  const serverSplit = threadCpuSince(server, threads);
  const cores: Record<string, number> = {
    'request loop': serverSplit.main / wallMs,
    'answer threads': serverSplit.lowered / wallMs,
    'server, other threads': serverSplit.others / wallMs,
    PostgreSQL: split.postgres,
  };
  for (const [name, pid] of Object.entries(others)) cores[name] = ((processCpuMs(pid) ?? 0) - before[name]) / wallMs;
  cores['load generators (this process)'] = split.self;
  cores.machine = split.machine;
  return { result, cores };
}

/** `name 0.61, name 0.20, …` cores. */
export function describeCores(cores: Record<string, number>): string {
  return Object.entries(cores)
    .map(([name, value]) => `${name} ${value.toFixed(2)}`)
    .join(', ');
}
