import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { installDeliveryGate } from './delivery-gate';

/**
 * The pooled SMTP transport for report emails (SMTP_URL): a few long-lived connections, bounded
 * timeouts so that a hung server turns into a retry (and a graceful shutdown stays within 30 s), and the
 * delivery gate installed.
 */
export function createPooledSmtpTransport(smtpUrl: string, options: { maxConnections?: number } = {}): Mail {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: 100,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  installDeliveryGate(transporter);
  return transporter;
}

/** Writes messages to a Buffer instead of a server (the demo's .eml files), with the same composition. */
export function createBufferTransport(): Mail {
  return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
}
