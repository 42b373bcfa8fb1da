import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ParsedMail, simpleParser } from 'mailparser';

/**
 * A local SMTP peer (smtp-server) that records every message it accepted (only after the DATA
 * terminator: a client that vanishes mid-DATA delivers nothing). Like a real server it reads and answers
 * promptly: headers are read cheaply on arrival, the full mailparser parse happens when a test asks for
 * it. Tests plan refusals (`421`, `550`) at RCPT or at the end of DATA, and can hold the answer to DATA.
 */
export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: Buffer;
  messageId: string;
  /** A top-level header, unfolded; undefined when absent. */
  header(name: string): string | undefined;
  /** The message parsed with mailparser (cid: links kept). */
  parsed(): Promise<ParsedMail>;
  at: number;
}

function headerBlock(raw: Buffer): Map<string, string> {
  const end = raw.indexOf('\r\n\r\n');
  const text = raw
    .subarray(0, end < 0 ? raw.length : end)
    .toString('utf8')
    .replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
  }
  return headers;
}

export interface SmtpFailure {
  stage: 'rcpt' | 'data';
  code: number;
  message?: string;
  times?: number;
  /** Only for this recipient. */
  recipient?: string;
}

export interface FakeSmtp {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Every reply the server gave to an attempt, accepted or not (code, recipient). */
  readonly attempts: { stage: string; code: number; recipient: string; at: number }[];
  readonly aborted: AbortedData[];
  failNext(failure: SmtpFailure): void;
  /** Holds every DATA answer until the returned function is called. */
  hold(): () => void;
  /** Resolves once a message is accepted for each recipient count reached. */
  waitForCount(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Resolves with the next DATA that starts (the client is mid-transfer). */
  waitForData(timeoutMs?: number): Promise<void>;
  /** Calls `listener` at each DATA start and each accepted message; returns the unsubscribe function. */
  onEvent(listener: (event: SmtpEvent) => void): () => void;
  clear(): void;
  close(): Promise<void>;
}

export interface SmtpEvent {
  type: 'data-start' | 'accepted';
  recipients: string[];
  /** X-Campaign-Report-Delivery of an accepted message. */
  deliveryId?: string;
}

/** A DATA transfer the client abandoned (its process died): the server kept nothing. */
export interface AbortedData {
  recipients: string[];
  bytes: number;
  /** X-Campaign-Report-Delivery, when the headers had arrived. */
  deliveryId: string | undefined;
  at: number;
}

type Waiter = () => void;

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const received: ReceivedMail[] = [];
  const attempts: FakeSmtp['attempts'] = [];
  const aborted: AbortedData[] = [];
  let failures: (SmtpFailure & { remaining: number })[] = [];
  let held: Promise<void> | null = null;
  const waiters = new Set<Waiter>();
  const dataWaiters = new Set<Waiter>();
  const notify = () => waiters.forEach((w) => w());
  const listeners = new Set<(event: SmtpEvent) => void>();
  const emit = (event: SmtpEvent) => listeners.forEach((listener) => listener(event));

  const take = (stage: SmtpFailure['stage'], recipient: string) => {
    const plan = failures.find((f) => f.stage === stage && (!f.recipient || f.recipient === recipient));
    if (!plan) return undefined;
    plan.remaining -= 1;
    if (plan.remaining <= 0) failures = failures.filter((f) => f !== plan);
    return plan;
  };
  const smtpError = (failure: SmtpFailure) =>
    Object.assign(new Error(failure.message ?? `planned ${failure.code}`), { responseCode: failure.code });

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const failure = take('rcpt', address.address);
      attempts.push({ stage: 'rcpt', code: failure?.code ?? 250, recipient: address.address, at: Date.now() });
      callback(failure ? smtpError(failure) : undefined);
    },
    onData(stream, session, callback) {
      dataWaiters.forEach((w) => w());
      dataWaiters.clear();
      emit({ type: 'data-start', recipients: session.envelope.rcptTo.map((r) => r.address) });
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => {
        const partial = Buffer.concat(chunks);
        aborted.push({
          recipients: session.envelope.rcptTo.map((r) => r.address),
          bytes: partial.length,
          deliveryId: headerBlock(partial).get('x-campaign-report-delivery'),
          at: Date.now(),
        });
      });
      stream.on('end', () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const finish = async () => {
          if (held) await held;
          const failure = take('data', recipients[0] ?? '');
          attempts.push({ stage: 'data', code: failure?.code ?? 250, recipient: recipients.join(','), at: Date.now() });
          if (failure) return callback(smtpError(failure));
          const raw = Buffer.concat(chunks);
          const headers = headerBlock(raw);
          let parsing: Promise<ParsedMail> | null = null;
          received.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: recipients,
            raw,
            messageId: headers.get('message-id') ?? '',
            header: (name) => headers.get(name.toLowerCase()),
            parsed: () => (parsing ??= simpleParser(raw, { keepCidLinks: true })),
            at: Date.now(),
          });
          callback();
          notify();
          emit({ type: 'accepted', recipients, deliveryId: headers.get('x-campaign-report-delivery') });
        };
        finish().catch((err: Error) => callback(err));
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    aborted,
    failNext(failure) {
      failures.push({ ...failure, remaining: failure.times ?? 1 });
    },
    hold() {
      let release!: () => void;
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        held = null;
        release();
      };
    },
    waitForCount(count, timeoutMs = 15_000) {
      if (received.length >= count) return Promise.resolve(received.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waitForCount: ${received.length} of ${count} emails within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(received.slice());
        };
        waiters.add(check);
      });
    },
    waitForData(timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no DATA started')), timeoutMs);
        dataWaiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      received.length = 0;
      attempts.length = 0;
      aborted.length = 0;
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
