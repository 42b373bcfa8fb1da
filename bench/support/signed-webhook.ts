import { signWebhookBody } from '../../src/domain/webhook-signature';

/** Posts events to the signed webhook (`url` ends in /v1/events) as account `default`; when it said 202. */
export async function postSignedEvents(url: string, secret: string, events: unknown[]): Promise<number> {
  const body = JSON.stringify(events);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-voicebot-account': 'default',
      'x-voicebot-signature': signWebhookBody(secret, Math.floor(Date.now() / 1000), body),
    },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
  return Date.now();
}
