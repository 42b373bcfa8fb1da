import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ResponseUrlError, postToResponseUrl } from '../../../src/adapters/slack/response-url';

describe('postToResponseUrl', () => {
  let server: http.Server;
  let url: string;
  let answers: Array<{ status: number; body: string; headers?: Record<string, string> }> = [];
  let received: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        const next = answers.shift() ?? { status: 200, body: 'ok' };
        res.writeHead(next.status, next.headers ?? {});
        res.end(next.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response/1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers = [];
    received = [];
  });

  it('posts the payload as JSON', async () => {
    await postToResponseUrl(url, { text: 'hi', response_type: 'ephemeral' });
    expect(JSON.parse(received[0])).toEqual({ text: 'hi', response_type: 'ephemeral' });
  });

  it('reads Slack errors in plain text and in JSON', async () => {
    answers = [{ status: 400, body: 'invalid_blocks' }];
    await expect(postToResponseUrl(url, { text: 'x' })).rejects.toMatchObject({
      status: 400,
      error: 'invalid_blocks',
      gone: false,
    });
    answers = [{ status: 200, body: '{"ok":false,"error":"invalid_blocks"}' }];
    await expect(postToResponseUrl(url, { text: 'x' })).rejects.toMatchObject({ error: 'invalid_blocks' });
    answers = [{ status: 404, body: 'expired_url' }];
    const gone = await postToResponseUrl(url, { text: 'x' }).catch((e: ResponseUrlError) => e);
    expect(gone).toMatchObject({ gone: true, retryable: false });
  });

  it('tries a 429 and a 500 again', async () => {
    answers = [
      { status: 429, body: 'rate_limited', headers: { 'retry-after': '0' } },
      { status: 500, body: 'oops' },
    ];
    await postToResponseUrl(url, { text: 'x' });
    expect(received).toHaveLength(3);
  });

  it('gives up after three tries', async () => {
    answers = [500, 502, 503, 504].map((status) => ({ status, body: 'down' }));
    await expect(postToResponseUrl(url, { text: 'x' })).rejects.toMatchObject({ status: 503 });
    expect(received).toHaveLength(3);
  });
});
