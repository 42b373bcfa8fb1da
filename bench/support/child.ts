import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { REPO_DIR } from './paths';

/** Runs a TypeScript entry in a fresh node (tsx loader), so its peak memory and CPU are its own. */
export function runTsChild(
  entry: string,
  args: string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv; nodeArgs?: string[] },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', entry, ...args], {
      cwd: REPO_DIR,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The last line of a child's stdout that parses as JSON. */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line) as T;
    } catch {
      // not the result line
    }
  }
  throw new Error(`child printed no JSON result:\n${stdout.slice(-2000)}`);
}

/**
 * Starts a long-running TypeScript child (tsx loader) and resolves once `ready` recognises one of its
 * stdout lines; its other lines are echoed under its name.
 */
export function startTsChild<T>(
  name: string,
  entry: string,
  args: string[],
  options: { ready: (line: string) => T | undefined; nodeArgs?: string[]; readyWithinMs?: number },
): Promise<{ child: ChildProcess; ready: T }> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', entry, ...args], {
    cwd: REPO_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const withinMs = options.readyWithinMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the ${name} did not start within ${withinMs / 1000} s`)),
      withinMs,
    );
    child.once('exit', (code) => reject(new Error(`the ${name} exited ${code} before it was ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const ready = options.ready(line);
      if (ready === undefined) {
        process.stdout.write(`  ${name}: ${line}\n`);
        return;
      }
      clearTimeout(timer);
      resolve({ child, ready });
    });
  });
}

/** For startTsChild: a server child announces itself with one line {"port": n}. */
export function portLine(line: string): number | undefined {
  try {
    const parsed = JSON.parse(line) as { port?: unknown };
    return typeof parsed?.port === 'number' ? parsed.port : undefined;
  } catch {
    return undefined;
  }
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the child has exited. */
export function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
