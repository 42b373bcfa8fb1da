import http from 'node:http';
import net, { AddressInfo } from 'node:net';
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

  it('sends again, once, a post whose kept-alive connection was closed as it was reused', async () => {
    // A server that answers the first request on a connection and drops any later one unanswered, as a
    // server closing an idle kept-alive connection does when our next post meets it.
    let connections = 0;
    const bodies: string[] = [];
    const sockets: net.Socket[] = [];
    const dropping = net.createServer((socket) => {
      sockets.push(socket);
      connections += 1;
      let served = 0;
      let buffered = '';
      socket.on('data', (chunk) => {
        buffered += chunk.toString('utf8');
        const end = buffered.indexOf('\r\n\r\n');
        const length = Number(/content-length: (\d+)/i.exec(buffered)?.[1] ?? 0);
        if (end < 0 || buffered.length < end + 4 + length) return;
        bodies.push(buffered.slice(end + 4, end + 4 + length));
        buffered = '';
        if ((served += 1) > 1) return socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok');
      });
    });
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(dropping.address() as AddressInfo).port}/response/2`;
    try {
      await postToResponseUrl(target, { text: 'first' });
      await postToResponseUrl(target, { text: 'second' });
      expect(connections).toBe(2);
      expect(bodies.map((b) => JSON.parse(b).text)).toEqual(['first', 'second', 'second']);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => dropping.close(() => resolve()));
    }
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
