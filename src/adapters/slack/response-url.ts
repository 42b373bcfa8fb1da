/** A post to a response_url that Slack refused; `error` is Slack's code when it gave one (`invalid_blocks`). */
export class ResponseUrlError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
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

function errorOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // Slack often answers a response_url in plain text ("invalid_blocks", "expired_url").
  }
  return text.trim().slice(0, 100) || 'error';
}

/** POSTs a message to a slash command's or an action's response_url; 429 and 5xx are tried again, briefly. */
export async function postToResponseUrl(url: string, payload: ResponseUrlPayload): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    let error: ResponseUrlError | null = null;
    if (!response.ok) error = new ResponseUrlError(response.status, errorOf(text));
    else if (/"ok"\s*:\s*false/.test(text)) error = new ResponseUrlError(400, errorOf(text));
    if (!error) return;
    if (!error.retryable || attempt >= RETRIES) throw error;
    const retryAfter = Number(response.headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, Math.min(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 300 * 2 ** attempt, 5000)));
  }
}
