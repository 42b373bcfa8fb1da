import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './build-once';

/** What a finished process left: its exit code and everything it wrote. */
export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Only what the test gives, plus what npm and node need to run: the caller's DATABASE_URL must not leak in. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', ...env };
}

function collect(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** `npm run cli -- <args>` as a person types it in the repository (tsx on the sources), to its end. */
export function runCliProcess(args: string[], env: Record<string, string>): Promise<Finished> {
  return collect(
    spawn('npm', ['run', '--silent', 'cli', '--', ...args], {
      cwd: ROOT,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/**
 * A source entry run by tsx as the package scripts do (`tsx src/cli/demo.ts`), but from another working
 * directory, where npm would not run it: the embedded database and ./out land there.
 */
export function runTsxProcess(
  entry: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<Finished> {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  return collect(
    spawn(tsx, [path.join(ROOT, entry), ...args], { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

/** The package.json script as its words, with `node` being this Node. */
function scriptCommand(name: string): string[] {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const [program, ...args] = scripts[name].split(/\s+/);
  return [program === 'node' ? process.execPath : program, ...args];
}

export interface ServerProcess {
  child: ChildProcess;
  finished: Promise<Finished>;
  base: string;
  /** SIGTERM, then what the process left when it exited. */
  stop(): Promise<Finished>;
}

/** The built server as `npm start` runs it (its `start` script, on the dist/ that buildOnce made). */
export function startBuiltServer(port: number, env: Record<string, string>): ServerProcess {
  const [program, ...args] = scriptCommand('start');
  const child = spawn(program, args, {
    cwd: ROOT,
    env: childEnv({ PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const finished = collect(child);
  return {
    child,
    finished,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return finished;
    },
  };
}

/** Waits until /healthz answers 200; fails with the server's own words if it exits first. */
export async function untilHealthy(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  let exited: Finished | undefined;
  void server.finished.then((result) => (exited = result));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited)
      throw new Error(
        `the server exited (code ${exited.code}) before it answered /healthz:\n${exited.stderr}${exited.stdout}`,
      );
    try {
      const response = await fetch(`${server.base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not answer /healthz in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
