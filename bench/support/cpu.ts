import fs from 'node:fs';
import os from 'node:os';

/** CPU time of a process (user + system, ms) from /proc; null where /proc is missing. */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** CPU time of a process and its direct children (ms), e.g. a primary and its forked web processes. */
export function processTreeCpuMs(pid: number): number | null {
  const own = processCpuMs(pid);
  if (own === null) return null;
  let total = own;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[1]) === pid) total += processCpuMs(Number(entry)) ?? 0;
    } catch {
      // the process ended while we looked
    }
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
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm === name) total += processCpuMs(Number(entry)) ?? 0;
    } catch {
      // the process ended while we looked
    }
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
