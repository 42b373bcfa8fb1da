import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { EMPTY_ALLOW_LIST, FetchAllowList, parseFetchAllowList } from '../../../src/domain/network-address';
import { GuardedFetchResult, MAX_REDIRECTS, guardedFetch } from '../../../src/http/guarded-fetch';

/**
 * The fetch behind a recording download, against local servers over real sockets: what it refuses never
 * sees a connection; what the operator allowed answers; every redirect hop is checked again.
 */

function allowList(entries: string): FetchAllowList {
  const parsed = parseFetchAllowList(entries);
  if (!parsed.ok) throw new Error(parsed.bad.join(', '));
  return parsed.value;
}

const fetchWith = (url: string, list: FetchAllowList) => guardedFetch(url, list, AbortSignal.timeout(5000));

async function bodyOf(result: GuardedFetchResult): Promise<string> {
  if (result.kind !== 'answer') throw new Error(`expected an answer, got ${JSON.stringify(result)}`);
  return text(result.response);
}

/** A bare TCP listener: counts connections, so that a refused fetch provably never reached it. */
let listener: net.Server;
let listenerPort: number;
let connections = 0;
/** An HTTP recordings store on 127.0.0.1 that can redirect, and a second one on 127.0.0.2. */
let store: http.Server;
let storePort: number;
let other: http.Server;
let otherPort: number;
const storeRequests: string[] = [];
const otherRequests: string[] = [];
let otherConnections = 0;

async function listenOn<T extends net.Server>(server: T, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  listener = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  listenerPort = await listenOn(listener, '127.0.0.1');
  other = http.createServer((req, res) => {
    otherRequests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'audio/mpeg' }).end('from 127.0.0.2');
  });
  other.on('connection', () => (otherConnections += 1));
  otherPort = await listenOn(other, '127.0.0.2');
  store = http.createServer((req, res) => {
    storeRequests.push(req.url ?? '');
    if (req.url === '/to-other') res.writeHead(302, { location: `http://127.0.0.2:${otherPort}/audio.mp3` }).end();
    else if (req.url === '/to-other-https')
      res.writeHead(302, { location: `https://127.0.0.2:${otherPort}/audio.mp3` }).end();
    else if (req.url === '/relative') res.writeHead(301, { location: '/audio.mp3' }).end();
    else if (req.url === '/loop') res.writeHead(307, { location: '/loop' }).end();
    else if (req.url === '/to-metadata')
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else res.writeHead(200, { 'content-type': 'audio/mpeg' }).end('from 127.0.0.1');
  });
  storePort = await listenOn(store, '127.0.0.1');
});

afterAll(async () => {
  for (const server of [listener, store, other]) await new Promise((resolve) => server?.close(resolve));
});

describe('a fetch to a private address nobody allowed', () => {
  it.each([
    ['a name resolving to 127.0.0.1', () => `https://localhost:${listenerPort}/a.mp3`],
    ['IPv4 loopback', () => `https://127.0.0.1:${listenerPort}/a.mp3`],
    ['loopback as a decimal number', () => `https://2130706433:${listenerPort}/a.mp3`],
    ['IPv4-mapped IPv6 loopback', () => `https://[::ffff:127.0.0.1]:${listenerPort}/a.mp3`],
    ['IPv6 loopback', () => `https://[::1]:${listenerPort}/a.mp3`],
  ])('is refused before connecting: %s', async (_name, url) => {
    const before = connections;
    const result = await fetchWith(url(), EMPTY_ALLOW_LIST);
    expect(result.kind).toBe('refused');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(connections).toBe(before);
  });

  it('refuses plain http to a host the operator did not allow', async () => {
    const result = await fetchWith(`http://127.0.0.1:${storePort}/a.mp3`, allowList('10.0.0.0/8'));
    expect(result).toEqual({ kind: 'refused', reason: 'http: is not https:' });
    expect(await fetchWith('ftp://example.com/a.mp3', EMPTY_ALLOW_LIST)).toEqual({
      kind: 'refused',
      reason: 'ftp: is not https:',
    });
  });
});

describe('the operator allow-list', () => {
  it('lets a download reach a network allowed by CIDR', async () => {
    expect(await bodyOf(await fetchWith(`http://127.0.0.1:${storePort}/a.mp3`, allowList('127.0.0.0/8')))).toBe(
      'from 127.0.0.1',
    );
  });

  it('lets a download reach a host allowed by name (in any case), and not another name', async () => {
    expect(await bodyOf(await fetchWith(`http://localhost:${storePort}/a.mp3`, allowList('LOCALHOST')))).toBe(
      'from 127.0.0.1',
    );
    expect((await fetchWith(`http://localhost:${storePort}/a.mp3`, allowList('other.internal'))).kind).toBe('refused');
  });
});

describe('DNS rebinding', () => {
  it('cannot swap the checked address: the connection goes where the check looked, never asking DNS again', async () => {
    // What DNS answered when the host was checked: an allowed address where nothing listens. Asked again
    // (as a plain http.request would), the system resolver says 127.0.0.1, where the store listens.
    const answeredAtCheck = async () => [{ address: '127.0.0.3', family: 4 }];
    const before = storeRequests.length;
    const result = await guardedFetch(
      `http://localhost:${storePort}/a.mp3`,
      allowList('127.0.0.3'),
      AbortSignal.timeout(5000),
      answeredAtCheck,
    );
    expect(result).toEqual({ kind: 'failed' });
    expect(storeRequests).toHaveLength(before);
  });
});

describe('redirects', () => {
  it('are checked hop by hop: an allowed host cannot send the fetch to a forbidden one', async () => {
    const before = otherConnections;
    const result = await fetchWith(`http://127.0.0.1:${storePort}/to-other-https`, allowList('127.0.0.1/32'));
    expect(result).toEqual({ kind: 'refused', reason: '127.0.0.2 resolves to 127.0.0.2' });
    expect(await fetchWith(`http://127.0.0.1:${storePort}/to-other`, allowList('127.0.0.1/32'))).toEqual({
      kind: 'refused',
      reason: 'http: is not https:',
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(otherConnections).toBe(before);
    expect((await fetchWith(`http://127.0.0.1:${storePort}/to-metadata`, allowList('127.0.0.1'))).kind).toBe('refused');
  });

  it('are followed when every hop is allowed, relative ones too', async () => {
    expect(await bodyOf(await fetchWith(`http://127.0.0.1:${storePort}/to-other`, allowList('127.0.0.0/8')))).toBe(
      'from 127.0.0.2',
    );
    expect(otherRequests.at(-1)).toBe('/audio.mp3');
    expect(await bodyOf(await fetchWith(`http://127.0.0.1:${storePort}/relative`, allowList('127.0.0.1')))).toBe(
      'from 127.0.0.1',
    );
    expect(storeRequests.slice(-2)).toEqual(['/relative', '/audio.mp3']);
  });

  it(`stop after ${MAX_REDIRECTS}`, async () => {
    const before = storeRequests.length;
    const result = await fetchWith(`http://127.0.0.1:${storePort}/loop`, allowList('127.0.0.1'));
    expect(result).toEqual({ kind: 'refused', reason: `more than ${MAX_REDIRECTS} redirects` });
    expect(storeRequests.length - before).toBe(MAX_REDIRECTS + 1);
  });
});
