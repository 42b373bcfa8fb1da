import pino from 'pino';
import { RefusalLog } from '../../../src/http/refusal-log';

describe('RefusalLog', () => {
  it('writes one warn line a minute, carrying the counts of the refusals it held back', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    let now = 1_000_000;
    const log = new RefusalLog(logger, 'connector', 60_000, () => now);
    log.note(401, 'not an account id');
    for (let i = 0; i < 500; i += 1) log.note(401, 'not an account id');
    log.note(404, 'unknown platform');
    now += 59_999;
    log.note(400, 'unreadable call');
    expect(lines).toHaveLength(1);
    now += 1;
    log.note(400, 'unreadable call');
    expect(lines.map((line) => [line.level, line.refused])).toEqual([
      [40, { '401 not an account id': 1 }],
      [40, { '401 not an account id': 500, '404 unknown platform': 1, '400 unreadable call': 2 }],
    ]);
  });
});
