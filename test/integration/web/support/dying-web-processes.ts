import cluster from 'node:cluster';
import fs from 'node:fs';
import { forkWebProcesses, isForkedWebProcess, reportWebListening } from '../../../../src/http/web-processes';
import { createLogger } from '../../../../src/logger';

/**
 * Child of web-process-give-up.test.ts. The first web process listens, then dies; every later one dies
 * before listening. The primary prints one JSON line per fork and one when it gives up.
 */
const marker = process.argv[2];

if (isForkedWebProcess()) {
  if (!fs.existsSync(marker)) {
    fs.writeFileSync(marker, 'listened');
    reportWebListening();
    setTimeout(() => process.exit(1), 50);
  } else {
    process.exit(1);
  }
} else {
  cluster.on('fork', () => console.log(JSON.stringify({ event: 'fork' })));
  void forkWebProcesses(1, {
    env: {},
    logger: createLogger('silent', false),
    restartDelayMs: 10,
    onGiveUp: () => {
      console.log(JSON.stringify({ event: 'gave-up' }));
      process.exit(3);
    },
  });
}
