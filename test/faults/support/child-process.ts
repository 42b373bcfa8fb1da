import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { bundledChildScript } from '../../support/bundle-child';
import { ChildSpec } from './worker-child';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCE = path.join(__dirname, 'worker-child.ts');

const childScript = () => bundledChildScript(SOURCE);

/** A worker child process and the events it prints. */
export interface WorkerChild {
  process: ChildProcess;
  pid: number;
  /** Resolves with the next event of that name. */
  next(event: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill9(): Promise<void>;
}

export async function spawnWorkerChild(spec: ChildSpec): Promise<WorkerChild> {
  const child = spawn(process.execPath, [childScript()], {
    cwd: ROOT,
    env: { ...process.env, CHILD_SPEC: JSON.stringify(spec), TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: Record<string, unknown>[] = [];
  const waiters: { event: string; resolve: (e: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const waiter = waiters.find((w) => w.event === event.event);
    if (waiter) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    } else {
      events.push(event);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const next = (event: string, timeoutMs = 30_000) => {
    const queued = events.findIndex((e) => e.event === event);
    if (queued >= 0) return Promise.resolve(events.splice(queued, 1)[0]);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`child ${child.pid}: no "${event}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      exited.then(({ code, signal }) => reject(new Error(`child exited (${code ?? signal}) before "${event}"`)));
      waiters.push({
        event,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  };
  const handle: WorkerChild = {
    process: child,
    pid: child.pid ?? -1,
    next,
    exited,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
  await next('ready');
  return handle;
}
