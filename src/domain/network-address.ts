/**
 * Which IP addresses a server-side fetch may reach (docs/security.md, "What the server fetches"): public
 * unicast only, unless the operator allows a private host or network by name or CIDR.
 */

/** An address as 16 bytes (IPv4 as IPv4-mapped IPv6), so one prefix test serves both families. */
type AddressBytes = Uint8Array;

export interface Network {
  bytes: AddressBytes;
  prefixBits: number;
}

export interface FetchAllowList {
  /** Lower-case host names allowed whatever they resolve to. */
  hosts: string[];
  /** Networks allowed despite being private. */
  networks: Network[];
}

export const EMPTY_ALLOW_LIST: FetchAllowList = { hosts: [], networks: [] };

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return null;
  return parts.map(Number);
}

function parseIpv6(text: string): number[] | null {
  let rest = text.replace(/%.*$/, '');
  let tail: number[] = [];
  const lastColon = rest.lastIndexOf(':');
  if (rest.includes('.', lastColon)) {
    const v4 = parseIpv4(rest.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    rest = `${rest.slice(0, lastColon + 1)}0:0`;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const back = halves.length === 2 ? groupsOf(halves[1]) : [];
  const missing = 8 - head.length - back.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...back];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return null;
  const bytes = groups.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** 16 bytes for an IPv4 or IPv6 literal (brackets and a zone allowed), or null when it is not one. */
export function parseIpAddress(text: string): AddressBytes | null {
  const bare = text.trim().replace(/^\[(.*)\]$/, '$1');
  const v4 = parseIpv4(bare);
  if (v4) return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]);
  const v6 = bare.includes(':') ? parseIpv6(bare) : null;
  return v6 ? Uint8Array.from(v6) : null;
}

function inNetwork(address: AddressBytes, network: Network): boolean {
  for (let bit = 0; bit < network.prefixBits; bit += 8) {
    const bits = Math.min(8, network.prefixBits - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    if ((address[bit / 8] & mask) !== (network.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

/** `10.0.0.0/8`, `fd00::/8`, or a bare address (a network of one); null when malformed. */
export function parseNetwork(text: string): Network | null {
  const [addressText, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const bytes = parseIpAddress(addressText);
  if (!bytes) return null;
  const isV4 = parseIpv4(addressText.trim()) !== null;
  const maxBits = isV4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const bits = prefixText === undefined ? maxBits : Number(prefixText);
  if (bits > maxBits) return null;
  return { bytes, prefixBits: isV4 ? bits + 96 : bits };
}

function networks(list: string[]): Network[] {
  return list.map((text) => {
    const network = parseNetwork(text);
    if (!network) throw new Error(`bad built-in network ${text}`);
    return network;
  });
}

/** Never reached by a server-side fetch unless allowed: not public unicast, or a cloud metadata service. */
const FORBIDDEN_V4 = networks([
  '0.0.0.0/8', // "this network", unspecified
  '10.0.0.0/8', // private
  '100.64.0.0/10', // carrier-grade NAT (and Alibaba's metadata at 100.100.100.200)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local (the cloud metadata service at 169.254.169.254)
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments (Oracle's metadata at 192.0.0.192)
  '192.0.2.0/24', // documentation
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation
  '203.0.113.0/24', // documentation
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and the broadcast address
]);

const FORBIDDEN_V6 = networks([
  '::/128', // unspecified
  '::1/128', // loopback
  '::/96', // IPv4-compatible (deprecated)
  '100::/64', // discard
  '2001:db8::/32', // documentation
  'fc00::/7', // unique-local (AWS's IPv6 metadata at fd00:ec2::254)
  'fe80::/10', // link-local
  'fec0::/10', // site-local (deprecated)
  'ff00::/8', // multicast
]);

const IPV4_MAPPED = parseNetwork('::ffff:0:0/96')!;
const NAT64 = parseNetwork('64:ff9b::/96')!;
const SIX_TO_FOUR = parseNetwork('2002::/16')!;

/** The IPv4 address an IPv6 one carries (mapped, NAT64, 6to4), as a mapped address; else null. */
function embeddedIpv4(address: AddressBytes): AddressBytes | null {
  const mapped = (v4: ArrayLike<number>) =>
    Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...Array.from(v4)]);
  if (inNetwork(address, IPV4_MAPPED)) return address;
  if (inNetwork(address, NAT64)) return mapped(address.subarray(12, 16));
  if (inNetwork(address, SIX_TO_FOUR)) return mapped(address.subarray(2, 6));
  return null;
}

/** True for an address a fetch must not reach on its own: loopback, private, link-local, metadata... */
export function isForbiddenAddress(text: string): boolean {
  const address = parseIpAddress(text);
  if (!address) return true;
  const v4 = embeddedIpv4(address);
  if (v4) return FORBIDDEN_V4.some((network) => inNetwork(v4, network));
  return FORBIDDEN_V6.some((network) => inNetwork(address, network));
}

function isAllowedAddress(text: string, allowList: FetchAllowList): boolean {
  const address = parseIpAddress(text);
  if (!address) return false;
  const forms = [address, embeddedIpv4(address)].filter((form): form is AddressBytes => form !== null);
  return allowList.networks.some((network) => forms.some((form) => inNetwork(form, network)));
}

/** Whether the host name itself is on the operator's allow-list (then any address it resolves to is fine). */
export function isAllowedHost(hostname: string, allowList: FetchAllowList): boolean {
  return allowList.hosts.includes(hostname.toLowerCase().replace(/\.$/, ''));
}

/** Whether the operator allowed this host: by its name, or every address it has is in an allowed network. */
export function isOperatorAllowed(hostname: string, addresses: string[], allowList: FetchAllowList): boolean {
  if (isAllowedHost(hostname, allowList)) return true;
  return addresses.length > 0 && addresses.every((address) => isAllowedAddress(address, allowList));
}

/** The first address of a host that a fetch must not reach, or null when all of them may be reached. */
export function refusedAddress(hostname: string, addresses: string[], allowList: FetchAllowList): string | null {
  if (isAllowedHost(hostname, allowList)) return null;
  return addresses.find((address) => isForbiddenAddress(address) && !isAllowedAddress(address, allowList)) ?? null;
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * `RECORDING_FETCH_ALLOWED_HOSTS`: comma-separated host names and networks (CIDR or single address).
 * Returns the allow-list, or the entries that are neither.
 */
export function parseFetchAllowList(
  text: string | undefined,
): { ok: true; value: FetchAllowList } | { ok: false; bad: string[] } {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const allowList: FetchAllowList = { hosts: [], networks: [] };
  const bad: string[] = [];
  for (const entry of entries) {
    const network = parseNetwork(entry);
    const name = entry.toLowerCase().replace(/\.$/, '');
    if (network) allowList.networks.push(network);
    else if (HOST_NAME.test(name) && !/^[\d.]+$/.test(name)) allowList.hosts.push(name);
    else bad.push(entry);
  }
  return bad.length > 0 ? { ok: false, bad } : { ok: true, value: allowList };
}
