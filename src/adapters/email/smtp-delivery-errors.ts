import { PermanentDeliveryError, TransientDeliveryError } from '../../domain/delivery-errors';

/**
 * SMTP outcomes for the delivery job: a 4xx reply is "try later", a 5xx reply is final (a mailbox that
 * does not exist breaks the subscription), and a failure without a reply is a retry. Whether the server
 * could have kept the message depends on whether the gate (delivery-gate.ts) was passed.
 */
const MAILBOX_GONE = new Set([550, 551, 553]);

interface SmtpErrorShape {
  responseCode?: unknown;
  code?: unknown;
  response?: unknown;
  message?: unknown;
}

export function classifySmtpError(
  error: unknown,
  gatePassed: boolean,
): PermanentDeliveryError | TransientDeliveryError {
  if (error instanceof PermanentDeliveryError || error instanceof TransientDeliveryError) return error;
  const e = (error ?? {}) as SmtpErrorShape;
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = String(e.response ?? e.message ?? error).slice(0, 300);
  if (code !== undefined && code >= 500) {
    return new PermanentDeliveryError(
      `the mail server refused the report: ${text}`,
      `smtp_${code}`,
      MAILBOX_GONE.has(code),
    );
  }
  if (code !== undefined && code >= 400) {
    // The server answered, so it did not keep the message, whatever stage it answered at.
    return new TransientDeliveryError(`the mail server asked to try later: ${text}`, `smtp_${code}`, undefined, true);
  }
  const kind = typeof e.code === 'string' ? e.code.toLowerCase() : 'error';
  return new TransientDeliveryError(`sending the report failed: ${text}`, `smtp_${kind}`, undefined, !gatePassed);
}
