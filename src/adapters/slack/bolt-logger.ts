import { LogLevel, Logger as SlackLogger } from '@slack/bolt';
import { Logger } from 'pino';

/** Bolt and the Slack SDKs log through our pino logger (redaction included) instead of the console. */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack' });
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  return {
    // The SDKs log large payloads at debug: build the line only when someone will read it.
    debug: (...msg) => child.isLevelEnabled('debug') && child.debug(text(msg)),
    info: (...msg) => child.isLevelEnabled('info') && child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
