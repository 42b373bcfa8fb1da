import { parentPort, workerData } from 'node:worker_threads';
import { ToThread } from '../../../../src/adapters/slack/answer-threads';

/**
 * The real answer thread (src/answer-thread.ts) with two commands of its own, seen before the real
 * thread sees them: `stall here` blocks the thread synchronously (as the longest chart drawing or calls
 * list would) until the test stores 1 in `gate[0]` (it stores 1 in `gate[1]` when it stalls); `crash here` ends the thread as a crash would.
 */
const { gate } = workerData as { gate: SharedArrayBuffer };
parentPort?.on('message', (message: ToThread) => {
  if ('stop' in message) return;
  const text = (message.task.payload as { text?: string }).text;
  if (text === 'stall here') {
    const flags = new Int32Array(gate);
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
    Atomics.wait(flags, 0, 0);
  }
  if (text === 'crash here') process.exit(3);
});
// Loaded after the listener above, so that it sees each task second.
require('../../../../src/answer-thread');
