import http from 'node:http';
import https from 'node:https';

/** A post to a response_url that Slack refused; `error` is Slack's code when it gave one (`invalid_blocks`). */
export class ResponseUrlError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    /** Slack's `errors` (which block and why), when the answer was JSON that listed them. */
    readonly errors: string[] = [],
  ) {
    super(`response_url answered ${status} ${error}`);
    this.name = 'ResponseUrlError';
  }

  /** 404/410: the URL expired or was used up; nothing posted there will ever arrive. */
  get gone(): boolean {
    return this.status === 404 || this.status === 410;
  }

  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

export type ResponseUrlPayload = Record<string, unknown> & {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
};

const TIMEOUT_MS = 10_000;
const RETRIES = 2;

function errorOf(status: number, text: string): ResponseUrlError {
  try {
    const parsed = JSON.parse(text) as { error?: unknown; errors?: unknown };
    if (typeof parsed.error === 'string') {
      const errors = Array.isArray(parsed.errors) ? parsed.errors.filter((e) => typeof e === 'string') : [];
      return new ResponseUrlError(status, parsed.error, errors as string[]);
    }
  } catch {
    // Slack often answers a response_url in plain text ("invalid_blocks", "expired_url").
  }
  return new ResponseUrlError(status, text.trim().slice(0, 100) || 'error');
}

// node:http rather than fetch: at a few hundred answers a second fetch's overhead shows in the ack latency.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

interface PlainResponse {
  status: number;
  text: string;
  retryAfter: string | undefined;
}

/**
 * A kept-alive connection the other side closed just as we reused it fails before any answer: the request
 * never arrived, so it is sent again once on a new connection (Node's advice for `reusedSocket`).
 */
async function post(url: string, body: string): Promise<PlainResponse> {
  try {
    return await postOnce(url, body);
  } catch (error) {
    if (!(error instanceof ReusedSocketReset)) throw error;
    return postOnce(url, body);
  }
}

class ReusedSocketReset extends Error {}

function postOnce(url: string, body: string): Promise<PlainResponse> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      {
        method: 'POST',
        agent: agents[target.protocol as 'http:' | 'https:'],
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
        timeout: TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`response_url did not answer within ${TIMEOUT_MS} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) =>
      reject(request.reusedSocket && error.code === 'ECONNRESET' ? new ReusedSocketReset(error.message) : error),
    );
    request.end(body);
  });
}

/** POSTs a message to a slash command's or an action's response_url; 429 and 5xx are tried again, briefly. */
export async function postToResponseUrl(url: string, payload: ResponseUrlPayload): Promise<void> {
  const body = JSON.stringify(payload);
  for (let attempt = 0; ; attempt += 1) {
    const response = await post(url, body);
    let error: ResponseUrlError | null = null;
    if (response.status < 200 || response.status >= 300) error = errorOf(response.status, response.text);
    else if (/"ok"\s*:\s*false/.test(response.text)) error = errorOf(400, response.text);
    if (!error) return;
    if (!error.retryable || attempt >= RETRIES) throw error;
    const retryAfter = Number(response.retryAfter);
    await new Promise((resolve) =>
      setTimeout(
        resolve,
        Math.min(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 300 * 2 ** attempt, 5000),
      ),
    );
  }
}
