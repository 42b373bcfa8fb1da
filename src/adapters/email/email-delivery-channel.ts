import type Mail from 'nodemailer/lib/mailer';
import { Logger } from 'pino';
import { DeliverableReport, DeliveryAttempt, DeliveryChannel, MessageRef } from '../../domain/delivery';
import { ReportDeps } from '../../reports/report-context';
import { GATE_FIELD, GatedSendOptions } from './delivery-gate';
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
 * ledger before the first attempt; the ledger says "sending" only once the DATA terminator may be
 * written (delivery-gate.ts). A retry that finds "sending" therefore assumes the server has the email
 * and never sends it again: the other choice, sending again, would duplicate every email whose
 * acceptance we did not get to record, while this one can only lose an email in the microseconds
 * between the commit and writing five bytes.
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
      return ref;
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
        [GATE_FIELD]: async () => {
          await attempt.beforeIrreversible();
          gatePassed = true;
        },
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
