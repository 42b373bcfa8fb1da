import { Readable } from 'node:stream';
import type Mail from 'nodemailer/lib/mailer';

/**
 * Exactly-once email over SMTP, as close as SMTP allows. A server accepts a message only when it reads
 * the DATA terminator (CRLF . CRLF); nodemailer writes it when the message stream ends. This gate holds
 * the end of the stream until `beforeTerminator` (which commits "sending" to the ledger) resolves:
 *
 * - the gate's stream is read only once nodemailer pipes it into the DATA phase, so everything before
 *   (connecting, the envelope, rendering) happens while the ledger still says "pending", and a crash
 *   there leaves a message the server discards;
 * - after the commit, the only step left is writing five bytes. A crash between the commit and that write
 *   loses the email (microseconds); a crash after it leaves a delivered email the ledger calls "sending",
 *   which a retry treats as delivered and never sends again.
 *
 * A failed commit destroys the stream, nodemailer drops the connection mid-DATA and the server
 * discards the message: nothing is delivered and the retry sends it.
 */
export const GATE_FIELD = 'campaignReportBeforeTerminator';

/**
 * Called once every byte of the message has been handed on: commit what must be committed, then call
 * `finish()` to let the terminator go. A rejection drops the message (the terminator is never written).
 */
export type BeforeTerminator = (finish: () => void) => Promise<void>;

export interface GatedSendOptions extends Mail.Options {
  [GATE_FIELD]?: BeforeTerminator;
}

export function gatedOutput(input: Readable, beforeTerminator: BeforeTerminator): Readable {
  let started = false;
  let inputEnded = false;
  let gateOpened = false;
  const openGate = () => {
    gateOpened = true;
    beforeTerminator(() => output.push(null)).catch((error: unknown) =>
      output.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  };
  const output = new Readable({
    read() {
      if (!started) {
        started = true;
        input.on('data', (chunk: Buffer) => {
          if (!output.push(chunk)) input.pause();
        });
        input.once('end', () => {
          inputEnded = true;
          // Open once the consumer has taken every byte: only the terminator is left to write after it.
          if (output.readableLength === 0 && !gateOpened) openGate();
        });
        input.once('error', (error) => output.destroy(error));
      }
      if (!inputEnded) input.resume();
      else if (!gateOpened && output.readableLength === 0) openGate();
    },
    destroy(error, callback) {
      input.destroy();
      callback(error);
    },
  });
  return output;
}

/** Installs the gate on a transporter: a message sent with GATE_FIELD set ends only after the gate. */
export function installDeliveryGate(transporter: Mail): void {
  transporter.use('stream', (mail, done) => {
    const gate = (mail.data as GatedSendOptions)[GATE_FIELD];
    if (gate) mail.message.processFunc((input) => gatedOutput(input, gate));
    done();
  });
}
