import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { bundledChildScript } from '../../../support/bundle-child';
import { TeamsChildSpec } from './teams-worker-child';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

const childScript = () => bundledChildScript(path.join(__dirname, 'teams-worker-child.ts'));

export interface TeamsWorkerChild {
  process: ChildProcess;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the child and resolves once it says it is ready. */
export async function spawnTeamsWorker(spec: TeamsChildSpec): Promise<TeamsWorkerChild> {
  const child = spawn(process.execPath, [childScript()], {
    cwd: ROOT,
    env: { ...process.env, CHILD_SPEC: JSON.stringify(spec), TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Teams worker child was not ready within 30 s')), 30_000);
    void exited.then(() => reject(new Error('the Teams worker child exited before it was ready')));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.includes('"event":"ready"')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    process: child,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
