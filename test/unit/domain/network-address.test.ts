import {
  EMPTY_ALLOW_LIST,
  FetchAllowList,
  isForbiddenAddress,
  isOperatorAllowed,
  parseFetchAllowList,
  parseIpAddress,
  parseNetwork,
  refusedAddress,
} from '../../../src/domain/network-address';

function allowList(text: string): FetchAllowList {
  const parsed = parseFetchAllowList(text);
  if (!parsed.ok) throw new Error(`bad allow-list ${parsed.bad.join(', ')}`);
  return parsed.value;
}

describe('addresses a server-side fetch must not reach', () => {
  it.each([
    ['127.0.0.1', 'IPv4 loopback'],
    ['127.255.0.9', 'the rest of 127/8'],
    ['10.1.2.3', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918, top'],
    ['192.168.1.1', 'RFC 1918'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.100.100.200', 'Alibaba metadata (CGNAT)'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['192.0.0.192', 'Oracle metadata'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'IPv6 loopback'],
    ['[::1]', 'IPv6 loopback in URL brackets'],
    ['0:0:0:0:0:0:0:1', 'IPv6 loopback written out'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'AWS IPv6 metadata (unique-local)'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, as the URL parser writes it'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:a00:1', 'IPv4-mapped 10.0.0.1'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of the metadata address'],
    ['2002:7f00:1::', '6to4 of loopback'],
    ['not an address', 'not an address at all'],
    ['1.2.3', 'three parts'],
    ['1.2.3.256', 'a part above 255'],
    ['1::2::3', 'two ::'],
  ])('%s (%s) is refused', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    ['93.184.215.14'],
    ['8.8.8.8'],
    ['172.32.0.1'], // just above 172.16/12
    ['100.128.0.1'], // just above 100.64/10
    ['2606:4700:4700::1111'],
    ['::ffff:8.8.8.8'],
    ['64:ff9b::808:808'],
  ])('%s (public) may be reached', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('reads IPv4 and IPv6 into the same bytes', () => {
    expect(parseIpAddress('127.0.0.1')).toEqual(parseIpAddress('::ffff:7f00:1'));
    expect(parseIpAddress('1:2:3:4:5:6:7:8')).toEqual(
      Uint8Array.from([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]),
    );
    expect(parseIpAddress('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIpAddress('1:2:3:4:5:6:7')).toBeNull();
    expect(parseNetwork('10.0.0.0/33')).toBeNull();
    expect(parseNetwork('fd00::/129')).toBeNull();
    expect(parseNetwork('10.0.0.0/8/1')).toBeNull();
  });
});

describe('the operator allow-list (RECORDING_FETCH_ALLOWED_HOSTS)', () => {
  it('allows a private network by CIDR, and nothing outside it', () => {
    const list = allowList('10.20.0.0/16, fd12:3456::/32');
    expect(refusedAddress('store.internal', ['10.20.3.4'], list)).toBeNull();
    expect(refusedAddress('store.internal', ['::ffff:10.20.3.4'], list)).toBeNull();
    expect(refusedAddress('store.internal', ['fd12:3456::9'], list)).toBeNull();
    expect(refusedAddress('store.internal', ['10.21.0.1'], list)).toBe('10.21.0.1');
    expect(refusedAddress('store.internal', ['10.20.3.4', '127.0.0.1'], list)).toBe('127.0.0.1');
    expect(isOperatorAllowed('store.internal', ['10.20.3.4'], list)).toBe(true);
    expect(isOperatorAllowed('example.com', ['93.184.215.14'], list)).toBe(false);
  });

  it('allows a host by name whatever it resolves to, and only that name', () => {
    const list = allowList('Recordings.Internal.');
    expect(refusedAddress('recordings.internal', ['10.0.0.5', '::1'], list)).toBeNull();
    expect(refusedAddress('RECORDINGS.internal', ['10.0.0.5'], list)).toBeNull();
    expect(refusedAddress('evil.recordings.internal', ['10.0.0.5'], list)).toBe('10.0.0.5');
    expect(isOperatorAllowed('recordings.internal', [], list)).toBe(true);
  });

  it('allows one address written alone', () => {
    const list = allowList('127.0.0.1');
    expect(refusedAddress('localhost', ['127.0.0.1'], list)).toBeNull();
    expect(refusedAddress('localhost', ['127.0.0.2'], list)).toBe('127.0.0.2');
    expect(refusedAddress('localhost', ['::1'], list)).toBe('::1');
  });

  it('refuses everything private when empty', () => {
    expect(refusedAddress('localhost', ['127.0.0.1'], EMPTY_ALLOW_LIST)).toBe('127.0.0.1');
    expect(refusedAddress('example.com', ['93.184.215.14'], EMPTY_ALLOW_LIST)).toBeNull();
    expect(parseFetchAllowList(undefined)).toEqual({ ok: true, value: EMPTY_ALLOW_LIST });
    expect(parseFetchAllowList(' , ')).toEqual({ ok: true, value: EMPTY_ALLOW_LIST });
  });

  it('names the entries that are neither a host name nor a network', () => {
    expect(parseFetchAllowList('ok.internal, 10.0.0.0/40, http://x, 1.2.3, under_score')).toEqual({
      ok: false,
      bad: ['10.0.0.0/40', 'http://x', '1.2.3', 'under_score'],
    });
  });
});
