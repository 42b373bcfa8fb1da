import type Mail from 'nodemailer/lib/mailer';
import { Logger } from 'pino';
import { DeliverableReport, DeliveryAttempt, DeliveryChannel, MessageRef } from '../../domain/delivery';
import { ReportDeps } from '../../reports/report-context';
import { GATE_FIELD, GatedSendOptions } from './delivery-gate';
import { emailLane } from './quiet-lane';
import { classifySmtpError } from './smtp-delivery-errors';
import { composeReportEmail, fixedMessageId, messageIdDomain } from './report-email';

export interface EmailDeliveryOptions {
  /** A pooled transport with the delivery gate installed (createPooledSmtpTransport). */
  transport: Mail;
  from: string;
  reportDeps: ReportDeps;
  logger: Logger;
}

/**
 * Email as a delivery channel. Its Message-ID is fixed per (report, recipient) and recorded in the
 * ledger before the first attempt; the ledger says "sending" only once every byte but the DATA
 * terminator has been handed to the connection (delivery-gate.ts), and the terminator follows at once
 * (quiet-lane.ts keeps chart drawing from delaying it). A retry that finds "sending" therefore assumes
 * the server has the email and never sends it again.
 *
 * Why not send again: the server answers 250 and we commit "done" afterwards, so every crash in that
 * interval (a database round trip, plus any wait for the event loop) would deliver a second email; SMTP
 * has no way to ask the server whether it took a message. Assuming delivery can only lose an email
 * whose process died between committing "sending" and writing five bytes, which is the smaller window.
 */
export function createEmailDeliveryChannel(options: EmailDeliveryOptions): DeliveryChannel {
  const domain = messageIdDomain(options.from);
  return {
    kind: 'email',
    editable: false,

    plannedRef: (deliveryId) => ({ id: fixedMessageId(deliveryId, domain), container: null }),

    async findExisting(attempt: DeliveryAttempt): Promise<MessageRef | null> {
      const ref = attempt.ref ?? { id: fixedMessageId(attempt.deliveryId, domain), container: null };
      options.logger.warn(
        { deliveryId: attempt.deliveryId, messageId: ref.id },
        'an earlier attempt may have handed this email to the server; not sending it again',
      );
      return { ...ref, assumed: true };
    },

    async post(report: DeliverableReport, attempt: DeliveryAttempt): Promise<MessageRef> {
      const messageId = attempt.ref?.id ?? fixedMessageId(attempt.deliveryId, domain);
      const mail = await composeReportEmail(options.reportDeps, report, {
        from: options.from,
        to: attempt.target.destination,
        messageId,
        deliveryId: attempt.deliveryId,
      });
      let gatePassed = false;
      const send: GatedSendOptions = {
        ...mail,
        [GATE_FIELD]: (finish) =>
          emailLane.run(async () => {
            await attempt.beforeIrreversible();
            gatePassed = true;
            finish();
            // Let the terminator reach the socket before any queued rendering blocks the loop again.
            await new Promise((resolve) => setImmediate(resolve));
          }),
      };
      try {
        await options.transport.sendMail(send);
      } catch (error) {
        throw classifySmtpError(error, gatePassed);
      }
      return { id: messageId, container: null };
    },

    async update(): Promise<MessageRef> {
      throw new Error('an email cannot be edited once sent');
    },

    async notifyBroken(target, _userId, reason) {
      options.logger.warn({ recipient: target.destination, reason }, 'email reports to this address stopped');
    },
  };
}
